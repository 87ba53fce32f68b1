import { LegalBasis } from './form-templates';
import { renderReceipt } from './receipt.form';
import { ADDRESS_WITH_DIACRITICS, receiptData } from './testing/form-samples';
import { readPdf, type PdfContents } from './testing/read-pdf';

describe('renderReceipt (Mẫu 01)', () => {
  let pdf: Buffer;
  let read: PdfContents;
  beforeAll(async () => {
    pdf = await renderReceipt(receiptData());
    read = await readPdf(pdf, { qr: true });
  });

  it('is a one-page PDF titled with the form name', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(read.pages).toBe(1);
    expect(read.info.Title).toBe('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    expect(read.info.Language).toBe('vi-VN');
  });

  it('embeds the Vietnamese font, never a standard PDF font', () => {
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerif-Regular/);
    expect(raw).not.toContain('Helvetica');
  });

  it.each([
    'ỦY BAN NHÂN DÂN TỈNH NINH BÌNH',
    'SỞ GIÁO DỤC VÀ ĐÀO TẠO',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Ninh Bình, ngày 05 tháng 03 năm 2026',
    'Mẫu số 01 – Thông tư 01/2018/TT-VPCP',
    'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    'Mã hồ sơ: SGDDT-260305-0001',
    'Bộ phận tiếp nhận hồ sơ: Phòng Khảo thí và Quản lý chất lượng giáo dục',
    'Tiếp nhận hồ sơ của: Nguyễn Thị Hằng',
    `Địa chỉ: ${ADDRESS_WITH_DIACRITICS}`,
    'Số điện thoại: 0912345678',
    'Email: hang.nguyen@example.vn',
    'Nội dung yêu cầu giải quyết: Chỉnh sửa nội dung văn bằng, chứng chỉ',
    '1.1. Đơn đề nghị chỉnh sửa nội dung văn bằng (01 bản)',
    '1.2. Bản sao chứng thực giấy khai sinh (02 bản)',
    '2. Số lượng hồ sơ: 01 bộ',
    '3. Thời gian giải quyết hồ sơ theo quy định là: 05 ngày làm việc',
    '4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 05 tháng 03 năm 2026',
    '5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 12 tháng 03 năm 2026',
    '6. Đăng ký nhận kết quả tại: Bộ phận Một cửa – Sở Giáo dục và Đào tạo',
    'Vào Sổ theo dõi hồ sơ, số: SGDDT-260305-0001',
    'NGƯỜI NỘP HỒ SƠ',
    'NGƯỜI TIẾP NHẬN HỒ SƠ',
    'Trần Văn Đức',
  ])('prints "%s" exactly', (expected) => {
    expect(read.flat).toContain(expected);
  });

  it('carries a QR code that opens the public status page of the application', () => {
    expect(read.qr).toEqual(['https://motcua.example.vn/app/tra-cuu?code=SGDDT-260305-0001']);
    expect(read.flat).toContain('https://motcua.example.vn/app/tra-cuu?code=SGDDT-260305-0001');
  });

  it('numbers the form after the circular in force and leaves unknown fields to fill by hand', async () => {
    const later = await readPdf(
      await renderReceipt(
        receiptData({
          legalBasis: LegalBasis.Tt03of2025,
          applicant: {
            fullName: 'Đỗ Văn Ặng',
            kind: 'person',
            address: null,
            phone: '0988000111',
            email: null,
          },
          receivingOfficer: null,
        }),
      ),
    );
    expect(later.flat).toContain('Mẫu số 01 – Thông tư 03/2025/TT-VPCP');
    expect(later.flat).toContain('Tiếp nhận hồ sơ của: Đỗ Văn Ặng');
    expect(later.flat).toContain('Địa chỉ: …………………………');
    expect(later.flat).toContain('Email: …………………………');
  });
});
