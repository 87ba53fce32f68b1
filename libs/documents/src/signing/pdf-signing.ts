import { X509Certificate } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { face, mm, Pdf } from '../render-pdf';
import { shortDateTime } from '../vietnamese-format';
import { buildCadesSignature, CadesOptions } from './cades-signature';
import { addSignaturePlaceholder } from './pdf-signature-placeholder';

/**
 * Bytes reserved for the CMS in /Contents: the chain (2–3 certificates), the timestamp token
 * with the TSA's own certificate, and CRLs fit with room to spare.
 */
export const SIGNATURE_CONTENTS_BYTES = 32 * 1024;

/** What the visible signature box prints, from the signer's certificate. */
export interface SignerIdentity {
  commonName: string;
  organization: string | null;
}

export function signerIdentity(certificateDer: Buffer): SignerIdentity {
  const subject = new X509Certificate(certificateDer).subject;
  // One attribute a line; a multi-valued RDN joins its attributes with " + ".
  const value = (key: string) =>
    subject
      .split(/\n| \+ /)
      .find((line) => line.startsWith(`${key}=`))
      ?.slice(key.length + 1) ?? null;
  return { commonName: value('CN') ?? subject, organization: value('O') };
}

export interface SignatureBoxOptions {
  signer: SignerIdentity;
  signingTime: Date;
  reason: string;
  location: string;
}

/**
 * Draws the visible signature box at the current position (the signed page shows who signed
 * and when) and adds the signature field over it with an empty /Contents for signPreparedPdf.
 * Must be called on the page that is to carry the signature, before the document ends.
 */
export function addSignatureBox(doc: Pdf, options: SignatureBoxOptions): void {
  const width = mm(80);
  const height = mm(26);
  const x = doc.page.width - doc.page.margins.right - width;
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
  }
  const y = doc.y;
  doc.save().lineWidth(0.8).strokeColor('#b00000').rect(x, y, width, height).stroke().restore();
  const pad = mm(2);
  const lines: Array<[string, string]> = [
    ['bold', 'Văn bản đã được ký số'],
    ['regular', `Người ký: ${options.signer.commonName}`],
    ...(options.signer.organization
      ? ([['regular', `Cơ quan: ${options.signer.organization}`]] as Array<[string, string]>)
      : []),
    ['regular', `Thời gian ký: ${shortDateTime(options.signingTime)}`],
  ];
  let lineY = y + pad;
  for (const [style, text] of lines) {
    face(doc, style === 'bold' ? 'bold' : 'regular', 9.5)
      .fillColor('#b00000')
      .text(text, x + pad, lineY, { width: width - 2 * pad, lineBreak: false, ellipsis: true });
    lineY += 13;
  }
  doc.fillColor('black');
  const pageHeight = doc.page.height;
  addSignaturePlaceholder(doc, {
    reason: options.reason,
    name: options.signer.commonName,
    location: options.location,
    signingTime: options.signingTime,
    contentsBytes: SIGNATURE_CONTENTS_BYTES,
    // PDF user space: origin bottom left.
    widgetRect: [x, pageHeight - y - height, x + width, pageHeight - y],
  });
  doc.y = y + height + mm(2);
  doc.x = doc.page.margins.left;
}

class CadesSigner extends Signer {
  constructor(private readonly options: CadesOptions) {
    super();
  }

  override sign(content: Buffer): Promise<Buffer> {
    return buildCadesSignature(content, this.options);
  }
}

/** Fills the placeholder of a PDF drawn with addSignatureBox: ByteRange, then the CMS. */
export function signPreparedPdf(pdf: Buffer, options: CadesOptions): Promise<Buffer> {
  return new SignPdf().sign(pdf, new CadesSigner(options));
}
