import { renderApology } from './apology.form';
import { apologyData } from './testing/form-samples';
import { readPdf, type PdfContents } from './testing/read-pdf';

describe('renderApology (Mẫu 04)', () => {
  let read: PdfContents;
  beforeAll(async () => {
    read = await readPdf(
      await renderApology(apologyData({ reason: 'Phải xin ý kiến cơ quan phối hợp.' })),
    );
  });

  it('is titled with the form name', () => {
    expect(read.info.Title).toBe('Phiếu xin lỗi và hẹn lại ngày trả kết quả');
  });

  it.each([
    'Mẫu số 04 – Thông tư 01/2018/TT-VPCP',
    'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
    'Kính gửi: Ông/Bà Nguyễn Thị Hằng',
    'Ngày 05 tháng 03 năm 2026, Sở Giáo dục và Đào tạo tiếp nhận giải quyết hồ sơ của ông/bà. Mã hồ sơ: SGDDT-260305-0001.',
    'Ngày hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 12 tháng 03 năm 2026.',
    'Tuy nhiên đến nay, Phòng Giáo dục Trung học chưa trả kết quả giải quyết hồ sơ của ông/bà. Lý do: Phải xin ý kiến cơ quan phối hợp.',
    'Phòng Giáo dục Trung học xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào 17 giờ 00 phút, ngày 20 tháng 03 năm 2026.',
    'Xin trân trọng cảm ơn sự hợp tác của ông/bà./.',
    'THỦ TRƯỞNG CƠ QUAN',
    '(Ký, ghi rõ họ tên và đóng dấu)',
    'Nơi nhận:',
    '- Bộ phận Một cửa – Sở Giáo dục và Đào tạo;',
  ])('prints "%s" exactly', (expected) => {
    expect(read.flat).toContain(expected);
  });

  it('does not double the full stop after a reason that has one', () => {
    expect(read.flat).not.toContain('phối hợp..');
  });
});
