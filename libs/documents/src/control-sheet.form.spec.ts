import { renderControlSheet } from './control-sheet.form';
import type { ControlSheetRow } from './document-data';
import { LegalBasis } from './form-templates';
import { controlSheetData } from './testing/form-samples';
import { readPdf, type PdfContents } from './testing/read-pdf';

describe('renderControlSheet (Mẫu 05; 06 under TT 03/2025)', () => {
  let read: PdfContents;
  beforeAll(async () => {
    read = await readPdf(await renderControlSheet(controlSheetData()));
  });

  it('is titled with the form name', () => {
    expect(read.info.Title).toBe('Phiếu kiểm soát quá trình giải quyết hồ sơ');
  });

  it.each([
    'Mẫu số 05 – Thông tư 01/2018/TT-VPCP',
    'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
    'Mã hồ sơ: SGDDT-260305-0001',
    'Số biên nhận: SGDDT-260305-0001',
    'Cơ quan (bộ phận) giải quyết hồ sơ: Phòng Khảo thí và Quản lý chất lượng giáo dục',
    'Bên giao',
    'Bên nhận',
    '08:30 05/03/2026',
    '10:15 05/03/2026',
    '15:00 11/03/2026',
    'Người nộp hồ sơ (Nguyễn Thị Hằng)',
    'Bộ phận Một cửa (Trần Văn Đức)',
    'Tiếp nhận hồ sơ',
    'Chuyển kết quả giải quyết',
    'Trước hạn',
    'Hẹn trả: 12/03/2026',
  ])('prints "%s" exactly', (expected) => {
    expect(read.flat).toContain(expected);
  });

  it('continues a long history on further pages and numbers the form after TT 03/2025', async () => {
    const row: ControlSheetRow = {
      giver: 'Bộ phận Một cửa',
      receiver: 'Phòng Giáo dục Trung học (Lê Văn Phúc)',
      at: new Date('2026-03-05T03:15:00Z'),
      action: 'Chuyển hồ sơ để giải quyết',
      result: null,
      note: 'Bổ sung lần thứ hai theo yêu cầu của lãnh đạo phòng',
    };
    const long = await readPdf(
      await renderControlSheet(
        controlSheetData({ legalBasis: LegalBasis.Tt03of2025, rows: Array(30).fill(row) }),
      ),
    );
    expect(long.pages).toBeGreaterThan(1);
    expect(long.flat).toContain('Mẫu số 06 – Thông tư 03/2025/TT-VPCP');
    // The header row is repeated on every page.
    expect(long.flat.split('Thời gian giao, nhận').length - 1).toBe(long.pages);
  });
});
