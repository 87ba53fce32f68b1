import { renderControlSheet } from './control-sheet.form';
import { controlSheetData } from './testing/form-samples';
import { readPdf } from './testing/read-pdf';

describe('control sheet: the electronic documents kept with the application', () => {
  it('lists each kept file: document, file name, type and size, how and when it came', async () => {
    const read = await readPdf(
      await renderControlSheet(
        controlSheetData({
          keptFiles: [
            {
              documentName: 'Đơn đề nghị',
              originalName: 'don-de-nghi.pdf',
              mediaType: 'application/pdf',
              sizeBytes: 245_760,
              purpose: 'submission',
              uploadedAt: new Date('2026-03-05T01:30:00Z'),
            },
            {
              documentName: 'Bản sao CCCD',
              originalName: 'cccd.png',
              mediaType: 'image/png',
              sizeBytes: 100,
              purpose: 'supplement',
              uploadedAt: new Date('2026-03-09T02:00:00Z'),
            },
          ],
        }),
      ),
    );
    for (const expected of [
      'Giấy tờ điện tử lưu kèm hồ sơ',
      'Đơn đề nghị',
      'don-de-nghi.pdf',
      'PDF, 240 kB',
      'Trực tuyến',
      '08:30 05/03/2026',
      'Bản sao CCCD',
      'PNG, 1 kB',
      'Bổ sung',
      '09:00 09/03/2026',
    ]) {
      expect(read.flat).toContain(expected);
    }
  });

  it('prints no such section for an application without files', async () => {
    const read = await readPdf(await renderControlSheet(controlSheetData({ keptFiles: [] })));
    expect(read.flat).not.toContain('Giấy tờ điện tử lưu kèm hồ sơ');
  });
});
