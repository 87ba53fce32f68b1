import { renderRefusal } from './refusal.form';
import { refusalData } from './testing/form-samples';
import { readPdf, type PdfContents } from './testing/read-pdf';

describe('renderRefusal (Mẫu 03)', () => {
  let read: PdfContents;
  beforeAll(async () => {
    read = await readPdf(await renderRefusal(refusalData()));
  });

  it('is titled with the form name', () => {
    expect(read.info.Title).toBe('Phiếu từ chối tiếp nhận giải quyết hồ sơ');
  });

  it.each([
    'Mẫu số 03 – Thông tư 01/2018/TT-VPCP',
    'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
    'Tiếp nhận hồ sơ của: Nguyễn Thị Hằng',
    'Nội dung yêu cầu giải quyết: Cấp bản sao văn bằng từ sổ gốc',
    'Qua xem xét, Phòng Khảo thí và Quản lý chất lượng giáo dục từ chối tiếp nhận, giải quyết hồ sơ này với lý do sau:',
    '1. Hồ sơ không thuộc thẩm quyền giải quyết của Sở',
    '2. Đã được giải quyết trước đây',
    'Xin thông báo để ông/bà biết và thực hiện./.',
    'NGƯỜI TIẾP NHẬN HỒ SƠ',
    'Trần Văn Đức',
  ])('prints "%s" exactly', (expected) => {
    expect(read.flat).toContain(expected);
  });
});
