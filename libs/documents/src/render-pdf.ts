import PDFDocument from 'pdfkit';
import { FontStyle, loadDocumentFonts } from './fonts';

export type Pdf = PDFKit.PDFDocument;

/** Millimetres to PDF points. */
export const mm = (value: number): number => (value * 72) / 25.4;

/** Page margins of administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I). */
export const PAGE_MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };

export interface PdfMeta {
  title: string;
  subject: string;
  author: string;
}

/** Switches to one of the embedded faces (registered on every document by renderPdf). */
export function face(doc: Pdf, style: FontStyle, size?: number): Pdf {
  return size === undefined ? doc.font(style) : doc.font(style, size);
}

/** Draws an A4 document with the Vietnamese fonts registered and returns the PDF bytes. */
export function renderPdf(meta: PdfMeta, draw: (doc: Pdf) => void): Promise<Buffer> {
  const fonts = loadDocumentFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: PAGE_MARGINS,
    font: fonts.regularPath,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: meta.title, Subject: meta.subject, Author: meta.author, Creator: 'motcua' },
  });
  for (const [style, data] of Object.entries(fonts.faces)) {
    doc.registerFont(style, data);
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      face(doc, 'regular', 13);
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
