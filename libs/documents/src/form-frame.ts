import type { ApplicantData, FormBase } from './document-data';
import { field, formTitle, nationalHeader } from './form-layout';
import { FormKind, FormTemplate, formTemplate } from './form-templates';
import { Pdf, renderPdf } from './render-pdf';
import { orBlank } from './vietnamese-format';

/**
 * Every form opens the same way: the template its legal basis calls for, the PDF metadata, the
 * national header and the title (with the dossier code unless `subtitle` is null).
 */
export function renderForm(
  kind: FormKind,
  data: FormBase,
  body: (doc: Pdf, template: FormTemplate) => void,
  options: { author?: string; subtitle?: string | null } = {},
): Promise<Buffer> {
  const template = formTemplate(kind, data.legalBasis);
  const subtitle = options.subtitle === undefined ? `Mã hồ sơ: ${data.code}` : options.subtitle;
  return renderPdf(
    {
      title: template.title,
      subject: `Mã hồ sơ ${data.code}`,
      author: options.author ?? data.organization.agencyName,
    },
    (doc) => {
      nationalHeader(doc, data.organization, template, data.issuedAt);
      formTitle(doc, template, subtitle ?? undefined);
      body(doc, template);
    },
  );
}

/** The unit, the applicant and the matter, as forms 01–03 print them. */
export function applicantSection(
  doc: Pdf,
  section: { unit: string; applicantLabel: string; applicant: ApplicantData; matter: string },
): void {
  field(doc, 'Bộ phận tiếp nhận hồ sơ', section.unit);
  field(doc, section.applicantLabel, section.applicant.fullName);
  field(doc, 'Địa chỉ', orBlank(section.applicant.address));
  field(doc, 'Số điện thoại', orBlank(section.applicant.phone));
  field(doc, 'Email', orBlank(section.applicant.email));
  field(doc, 'Nội dung yêu cầu giải quyết', section.matter);
}
