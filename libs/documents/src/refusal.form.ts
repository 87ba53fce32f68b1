import type { RefusalData } from './document-data';
import { numberedList, paragraph, signatureBlocks } from './form-layout';
import { FormKind } from './form-templates';
import { applicantSection, renderForm } from './form-frame';

/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export function renderRefusal(data: RefusalData): Promise<Buffer> {
  return renderForm(FormKind.Refusal, data, (doc) => {
    applicantSection(doc, {
      unit: data.unit,
      applicantLabel: 'Tiếp nhận hồ sơ của',
      applicant: data.applicant,
      matter: data.matter,
    });
    paragraph(
      doc,
      `Qua xem xét, ${data.unit} từ chối tiếp nhận, giải quyết hồ sơ này với lý do sau:`,
    );
    numberedList(doc, data.reasons.length > 0 ? data.reasons : ['(không ghi lý do)']);
    paragraph(doc, 'Xin thông báo để ông/bà biết và thực hiện./.');
    signatureBlocks(doc, [
      { title: 'Người tiếp nhận hồ sơ', hint: '(Ký và ghi rõ họ tên)', name: data.officer },
    ]);
  });
}
