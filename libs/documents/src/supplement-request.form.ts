import type { SupplementRequestData } from './document-data';
import {
  field,
  formTitle,
  nationalHeader,
  numberedList,
  paragraph,
  signatureBlocks,
} from './form-layout';
import { FormKind, formTemplate } from './form-templates';
import { face, renderPdf } from './render-pdf';
import { orBlank } from './vietnamese-format';

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export function renderSupplementRequest(data: SupplementRequestData): Promise<Buffer> {
  const template = formTemplate(FormKind.SupplementRequest, data.legalBasis);
  return renderPdf(
    {
      title: template.title,
      subject: `Mã hồ sơ ${data.code}`,
      author: data.organization.agencyName,
    },
    (doc) => {
      nationalHeader(doc, data.organization, template, data.issuedAt);
      formTitle(doc, template, `Mã hồ sơ: ${data.code}`);
      field(doc, 'Bộ phận tiếp nhận hồ sơ', data.unit);
      field(doc, 'Hồ sơ của', data.applicant.fullName);
      field(doc, 'Địa chỉ', orBlank(data.applicant.address));
      field(doc, 'Số điện thoại', orBlank(data.applicant.phone));
      field(doc, 'Email', orBlank(data.applicant.email));
      field(doc, 'Nội dung yêu cầu giải quyết', data.matter);
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
    },
  );
}
