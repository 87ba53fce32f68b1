import type { ApologyData } from './document-data';
import { paragraph, signatureBlocks } from './form-layout';
import { FormKind } from './form-templates';
import { renderForm } from './form-frame';
import { face } from './render-pdf';
import { viDate, viDateTime } from './vietnamese-format';

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
/** The sentence adds its own full stop. */
const clause = (text: string) => text.trim().replace(/[.\s]+$/, '');

/** Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả, signed by the head of the agency at fault. */
export function renderApology(data: ApologyData): Promise<Buffer> {
  return renderForm(
    FormKind.Apology,
    data,
    (doc) => {
      face(doc, 'regular', 13).text(`Kính gửi: ${data.addressee}`, { align: 'center' });
      doc.moveDown(0.6);
      paragraph(
        doc,
        `${capitalise(viDate(data.receivedAt))}, ${data.receivingAgency} tiếp nhận giải quyết hồ sơ của ${data.you}. Mã hồ sơ: ${data.code}.`,
      );
      paragraph(doc, `Ngày hẹn trả kết quả giải quyết hồ sơ: ${viDateTime(data.originalDueAt)}.`);
      paragraph(
        doc,
        `Tuy nhiên đến nay, ${data.responsibleAgency} chưa trả kết quả giải quyết hồ sơ của ${data.you}. Lý do: ${clause(data.reason)}.`,
      );
      paragraph(
        doc,
        `Sự chậm trễ này đã gây phiền hà cho ${data.you}. ${data.responsibleAgency} xin lỗi ${data.you} và sẽ trả kết quả giải quyết hồ sơ cho ${data.you} vào ${viDateTime(data.newDueAt)}.`,
      );
      paragraph(doc, `Xin trân trọng cảm ơn sự hợp tác của ${data.you}./.`);
      signatureBlocks(
        doc,
        [
          {
            title: data.signerTitle,
            hint: '(Ký, ghi rõ họ tên và đóng dấu)',
            name: data.signerName,
          },
        ],
        ['Như trên;', `Bộ phận Một cửa – ${data.receivingAgency};`, 'Lưu: VT.'],
      );
    },
    { author: data.responsibleAgency, subtitle: null },
  );
}
