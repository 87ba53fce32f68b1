import { DocumentForm } from '@app/domain';
import { renderReceipt } from './receipt.form';
import { receiptData } from './testing/form-samples';
import { readPdf } from './testing/read-pdf';

/** Intake by checklist (issue 10 item 5): each document with its form and number of copies. */
describe('renderReceipt with a checklist', () => {
  it('prints original or copy with the count, and "bản" for free-text documents', async () => {
    const read = await readPdf(
      await renderReceipt(
        receiptData({
          documents: [
            { name: 'Đơn đề nghị cấp bản sao văn bằng', copies: 1, form: DocumentForm.Original },
            { name: 'Giấy khai sinh', copies: 2, form: DocumentForm.Copy },
            { name: 'Ảnh 3x4', copies: 4 },
          ],
        }),
      ),
    );
    expect(read.flat).toContain('1.1. Đơn đề nghị cấp bản sao văn bằng (01 bản chính)');
    expect(read.flat).toContain('1.2. Giấy khai sinh (02 bản sao)');
    expect(read.flat).toContain('1.3. Ảnh 3x4 (04 bản)');
    expect(read.flat).toContain('2. Số lượng hồ sơ: 01 bộ');
  });
});
