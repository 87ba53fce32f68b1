import type { ApplicantData, Organization } from './document-data';
import { field, paragraph, placeName } from './form-layout';
import { face, mm, renderPdf } from './render-pdf';
import { addSignatureBox, signerIdentity, signPreparedPdf } from './signing/pdf-signing';
import type { CadesOptions } from './signing/cades-signature';
import { viDate } from './vietnamese-format';

/** The electronic result of an application, as the agency issues it (K6: signed, verifiable). */
export interface ResultDocumentData {
  organization: Organization;
  code: string;
  applicant: ApplicantData;
  /** The matter: the procedure's name. */
  matter: string;
  /** The result's number ("125/QĐ-SGDĐT"), when it has one. */
  resultNumber: string | null;
  /** What was decided, as the officer wrote it. */
  content: string;
  /** Printed above the signature: "GIÁM ĐỐC", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" ... */
  signerTitle: string;
}

export interface ResultSigning extends CadesOptions {
  signingTime: Date;
  /** /Location of the signature: the province. */
  location: string;
}

/**
 * Renders the electronic result with a visible signature box (who signed, when) and signs it
 * (PAdES: ETSI.CAdES.detached, with a timestamp when a TSA is configured).
 */
export async function renderSignedResult(
  data: ResultDocumentData,
  signing: ResultSigning,
): Promise<Buffer> {
  const [leaf] = await signing.key.certificates();
  const signer = signerIdentity(leaf);
  const title = 'Kết quả giải quyết thủ tục hành chính';
  const prepared = await renderPdf(
    { title, subject: `Mã hồ sơ ${data.code}`, author: data.organization.agencyName },
    (doc) => {
      const x = doc.page.margins.left;
      const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
      face(doc, 'regular', 12).text(
        `ỦY BAN NHÂN DÂN ${data.organization.provinceName.toUpperCase()}`,
        x,
        doc.y,
        {
          width: width * 0.45,
          align: 'center',
        },
      );
      face(doc, 'bold', 12).text(data.organization.agencyName.toUpperCase(), {
        width: width * 0.45,
        align: 'center',
      });
      if (data.resultNumber) {
        face(doc, 'regular', 12).text(`Số: ${data.resultNumber}`, {
          width: width * 0.45,
          align: 'center',
        });
      }
      face(doc, 'italic', 12).text(
        `${placeName(data.organization)}, ${viDate(signing.signingTime)}`,
        x,
        doc.y + 6,
        {
          width,
          align: 'right',
        },
      );
      doc.moveDown(1);
      face(doc, 'bold', 14).text(title.toUpperCase(), x, doc.y, { width, align: 'center' });
      face(doc, 'regular', 13).text(`Mã hồ sơ: ${data.code}`, { width, align: 'center' });
      doc.moveDown(0.8);
      field(doc, 'Tên thủ tục', data.matter);
      field(doc, 'Người nộp hồ sơ', data.applicant.fullName);
      if (data.applicant.address) {
        field(doc, 'Địa chỉ', data.applicant.address);
      }
      doc.moveDown(0.4);
      paragraph(doc, data.content);
      doc.moveDown(1);
      face(doc, 'bold', 13).text(data.signerTitle.toUpperCase(), x + width - mm(80), doc.y, {
        width: mm(80),
        align: 'center',
      });
      doc.moveDown(0.4);
      addSignatureBox(doc, {
        signer,
        signingTime: signing.signingTime,
        reason: `Ký kết quả giải quyết hồ sơ ${data.code}`,
        location: signing.location,
      });
    },
  );
  return signPreparedPdf(prepared, signing);
}
