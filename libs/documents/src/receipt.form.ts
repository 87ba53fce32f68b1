import type { ReceiptData } from './document-data';
import {
  ensureSpace,
  field,
  formTitle,
  nationalHeader,
  numberedList,
  signatureBlocks,
} from './form-layout';
import { FormKind, formTemplate } from './form-templates';
import { drawQrCode } from './qr-code';
import { face, mm, renderPdf, type Pdf } from './render-pdf';
import { orBlank, timeLimitText, twoDigits, viDateTime } from './vietnamese-format';

const QR_SIZE = mm(26);

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
  const template = formTemplate(FormKind.Receipt, data.legalBasis);
  return renderPdf(
    {
      title: template.title,
      subject: `Mã hồ sơ ${data.code}`,
      author: data.organization.agencyName,
    },
    (doc) => {
      nationalHeader(doc, data.organization, template, data.issuedAt);
      formTitle(doc, template, `Mã hồ sơ: ${data.code}`);
      field(doc, 'Bộ phận tiếp nhận hồ sơ', data.receivingUnit);
      field(doc, 'Tiếp nhận hồ sơ của', data.applicant.fullName);
      field(doc, 'Địa chỉ', orBlank(data.applicant.address));
      field(doc, 'Số điện thoại', orBlank(data.applicant.phone));
      field(doc, 'Email', orBlank(data.applicant.email));
      field(doc, 'Nội dung yêu cầu giải quyết', data.matter);
      face(doc, 'regular', 13).text('1. Thành phần hồ sơ nộp gồm:');
      numberedList(
        doc,
        data.documents.length > 0
          ? data.documents.map((d) => `${d.name} (${twoDigits(d.copies)} bản)`)
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
    },
  );
}
