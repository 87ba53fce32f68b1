import type { StopNoticeData } from './document-data';
import { field, paragraph, signatureBlocks } from './form-layout';
import { FormKind } from './form-templates';
import { renderForm } from './form-frame';
import { face } from './render-pdf';
import { viDate, viDateTime } from './vietnamese-format';

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
const clause = (text: string) => text.trim().replace(/[.\s]+$/, '');

/** Mẫu 05 (TT 03/2025/TT-VPCP): Thông báo dừng giải quyết hồ sơ, with its reasons. */
export function renderStopNotice(data: StopNoticeData): Promise<Buffer> {
  return renderForm(
    FormKind.StopNotice,
    data,
    (doc) => {
      face(doc, 'regular', 13).text(`Kính gửi: ${data.addressee}`, { align: 'center' });
      doc.moveDown(0.6);
      paragraph(
        doc,
        `${capitalise(viDate(data.receivedAt))}, ${data.receivingAgency} tiếp nhận hồ sơ của ${data.you}. Mã hồ sơ: ${data.code}.`,
      );
      field(doc, 'Nội dung yêu cầu giải quyết', data.matter);
      paragraph(
        doc,
        `${data.stoppingUnit} thông báo dừng giải quyết hồ sơ nêu trên từ ${viDateTime(data.stoppedAt)}.`,
      );
      paragraph(doc, `Lý do: ${clause(data.reasonLabel)}.`);
      if (data.reasonDetail) {
        paragraph(doc, `Cụ thể: ${clause(data.reasonDetail)}.`);
      }
      paragraph(doc, `Xin thông báo để ${data.you} biết./.`);
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
    { author: data.stoppingUnit },
  );
}
