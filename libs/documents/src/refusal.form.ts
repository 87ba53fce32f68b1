import type { RefusalData } from './document-data';
import {
  field,
  formTitle,
  nationalHeader,
  numberedList,
  paragraph,
  signatureBlocks,
} from './form-layout';
import { FormKind, formTemplate } from './form-templates';
import { renderPdf } from './render-pdf';
import { orBlank } from './vietnamese-format';

/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export function renderRefusal(data: RefusalData): Promise<Buffer> {
  const template = formTemplate(FormKind.Refusal, data.legalBasis);
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
      field(doc, 'Tiếp nhận hồ sơ của', data.applicant.fullName);
      field(doc, 'Địa chỉ', orBlank(data.applicant.address));
      field(doc, 'Số điện thoại', orBlank(data.applicant.phone));
      field(doc, 'Email', orBlank(data.applicant.email));
      field(doc, 'Nội dung yêu cầu giải quyết', data.matter);
      paragraph(
        doc,
        `Qua xem xét, ${data.unit} từ chối tiếp nhận, giải quyết hồ sơ này với lý do sau:`,
      );
      numberedList(doc, data.reasons.length > 0 ? data.reasons : ['(không ghi lý do)']);
      paragraph(doc, 'Xin thông báo để ông/bà biết và thực hiện./.');
      signatureBlocks(doc, [
        { title: 'Người tiếp nhận hồ sơ', hint: '(Ký và ghi rõ họ tên)', name: data.officer },
      ]);
    },
  );
}
