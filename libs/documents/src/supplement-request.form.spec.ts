import { renderSupplementRequest } from './supplement-request.form';
import { supplementRequestData } from './testing/form-samples';
import { readPdf, type PdfContents } from './testing/read-pdf';

describe('renderSupplementRequest (Mẫu 02)', () => {
  let read: PdfContents;
  beforeAll(async () => {
    read = await readPdf(await renderSupplementRequest(supplementRequestData()));
  });

  it('is titled with the form name', () => {
    expect(read.info.Title).toBe('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ');
  });

  it.each([
    'Mẫu số 02 – Thông tư 01/2018/TT-VPCP',
    'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
    'Hồ sơ của: Nguyễn Thị Hằng',
    'Nội dung yêu cầu giải quyết: Chỉnh sửa nội dung văn bằng, chứng chỉ',
    'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:',
    '1. Bản sao chứng thực căn cước công dân',
    '2. Bản chính bằng tốt nghiệp cần chỉnh sửa',
    'Lý do: Hồ sơ thiếu giấy tờ chứng minh nhân thân',
    'ông/bà liên hệ với ông/bà Lê Văn Phúc, Phòng Khảo thí và Quản lý chất lượng giáo dục để được hướng dẫn',
    'Ninh Bình, ngày 05 tháng 03 năm 2026',
    'NGƯỜI HƯỚNG DẪN',
    'Lê Văn Phúc',
  ])('prints "%s" exactly', (expected) => {
    expect(read.flat).toContain(expected);
  });
});
