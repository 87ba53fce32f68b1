import { renderStopNotice } from './stop-notice.form';
import { stopNoticeData } from './testing/form-samples';
import { readPdf, type PdfContents } from './testing/read-pdf';

describe('renderStopNotice (TT 03/2025, Mẫu 05)', () => {
  let read: PdfContents;
  beforeAll(async () => {
    read = await readPdf(await renderStopNotice(stopNoticeData()));
  });

  it('is titled with the form name', () => {
    expect(read.info.Title).toBe('Thông báo dừng giải quyết hồ sơ');
  });

  it.each([
    'Mẫu số 05 – Thông tư 03/2025/TT-VPCP',
    'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
    'Kính gửi: Trường THPT Chuyên Lương Văn Tụy',
    'Ngày 05 tháng 03 năm 2026, Sở Giáo dục và Đào tạo tiếp nhận hồ sơ của quý cơ quan. Mã hồ sơ: SGDDT-260305-0001.',
    'Nội dung yêu cầu giải quyết: Cho phép trường trung học phổ thông hoạt động giáo dục',
    'Phòng Giáo dục Trung học thông báo dừng giải quyết hồ sơ nêu trên từ 09 giờ 00 phút, ngày 10 tháng 04 năm 2026.',
    'Lý do: Người nộp hồ sơ không bổ sung, hoàn thiện hồ sơ theo yêu cầu.',
    'Cụ thể: Quá thời hạn bổ sung hồ sơ.',
    'Xin thông báo để quý cơ quan biết./.',
    'GIÁM ĐỐC',
    'Phạm Văn Minh',
  ])('prints "%s" exactly', (expected) => {
    expect(read.flat).toContain(expected);
  });

  it('never calls an organisation "Ông/Bà"', () => {
    expect(read.flat).not.toContain('Ông/Bà Trường');
    expect(read.flat).not.toContain('ông/bà');
  });
});
