import type { SupplementRequestData } from './document-data';
import { field, numberedList, paragraph, signatureBlocks } from './form-layout';
import { FormKind } from './form-templates';
import { applicantSection, renderForm } from './form-frame';
import { face } from './render-pdf';
import { orBlank } from './vietnamese-format';

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export function renderSupplementRequest(data: SupplementRequestData): Promise<Buffer> {
  return renderForm(FormKind.SupplementRequest, data, (doc) => {
    applicantSection(doc, {
      unit: data.unit,
      applicantLabel: 'Hồ sơ của',
      applicant: data.applicant,
      matter: data.matter,
    });
    face(doc, 'regular', 13).text('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:');
    numberedList(doc, data.items.length > 0 ? data.items : ['(không ghi nội dung)']);
    field(doc, 'Lý do', orBlank(data.reason));
    paragraph(
      doc,
      `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với ${data.contact} để được hướng dẫn.`,
    );
    signatureBlocks(doc, [
      { title: 'Người hướng dẫn', hint: '(Ký và ghi rõ họ tên)', name: data.guidingOfficer },
    ]);
  });
}
