import { DOCUMENT_FORM_LABEL_VI, type DocumentForm } from '@app/domain';
import type { ReceiptData } from './document-data';
import { ensureSpace, field, numberedList, signatureBlocks } from './form-layout';
import { FormKind } from './form-templates';
import { applicantSection, renderForm } from './form-frame';
import { drawQrCode } from './qr-code';
import { face, mm, type Pdf } from './render-pdf';
import { timeLimitText, twoDigits, viDateTime } from './vietnamese-format';

const QR_SIZE = mm(26);

/** "02 bản sao", "01 bản chính"; just "bản" when the form was not recorded (free text). */
const copiesWord = (form: DocumentForm | undefined): string =>
  form ? DOCUMENT_FORM_LABEL_VI[form].toLowerCase() : 'bản';

function qrBlock(doc: Pdf, data: ReceiptData): void {
  ensureSpace(doc, QR_SIZE + 10);
  const x = doc.page.margins.left;
  const y = doc.y + 4;
  drawQrCode(doc, data.statusUrl, x, y, QR_SIZE);
  const textX = x + QR_SIZE + mm(4);
  const width = doc.page.width - doc.page.margins.right - textX;
  face(doc, 'italic', 11).text(
    'Quét mã QR để tra cứu tình trạng giải quyết hồ sơ (nhập mã hồ sơ và 4 số cuối điện thoại):',
    textX,
    y + mm(5),
    { width },
  );
  face(doc, 'regular', 10).text(data.statusUrl, textX, doc.y + 2, { width });
  doc.x = x;
  doc.y = Math.max(doc.y, y + QR_SIZE) + 4;
}

/** Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with a QR code to the public status page. */
export function renderReceipt(data: ReceiptData): Promise<Buffer> {
  return renderForm(FormKind.Receipt, data, (doc) => {
    applicantSection(doc, {
      unit: data.receivingUnit,
      applicantLabel: 'Tiếp nhận hồ sơ của',
      applicant: data.applicant,
      matter: data.matter,
    });
    face(doc, 'regular', 13).text('1. Thành phần hồ sơ nộp gồm:');
    numberedList(
      doc,
      data.documents.length > 0
        ? data.documents.map((d) => `${d.name} (${twoDigits(d.copies)} ${copiesWord(d.form)})`)
        : ['(không ghi nhận thành phần hồ sơ)'],
      '1.',
    );
    field(doc, '2. Số lượng hồ sơ', `${twoDigits(data.sets)} bộ`);
    field(doc, '3. Thời gian giải quyết hồ sơ theo quy định là', timeLimitText(data.timeLimit));
    field(doc, '4. Thời gian nhận hồ sơ', viDateTime(data.receivedAt));
    field(doc, '5. Thời gian trả kết quả giải quyết hồ sơ', viDateTime(data.appointmentAt));
    field(doc, '6. Đăng ký nhận kết quả tại', data.resultPlace);
    field(doc, 'Vào Sổ theo dõi hồ sơ, số', data.logbookEntry);
    qrBlock(doc, data);
    signatureBlocks(doc, [
      { title: 'Người nộp hồ sơ', hint: '(Ký và ghi rõ họ tên)', name: data.applicant.fullName },
      {
        title: 'Người tiếp nhận hồ sơ',
        hint: '(Ký và ghi rõ họ tên)',
        name: data.receivingOfficer,
      },
    ]);
  });
}
