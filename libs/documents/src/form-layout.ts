import type { Organization } from './document-data';
import type { FormTemplate } from './form-templates';
import { face, mm, type Pdf } from './render-pdf';
import { viDate } from './vietnamese-format';

// The parts every form shares, laid out as in Nghị định 30/2020/NĐ-CP: the issuing agency and
// the national motto side by side, the title, labelled lines, signature blocks.

const upper = (text: string) => text.toLocaleUpperCase('vi');

const left = (doc: Pdf) => doc.page.margins.left;
const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;

/** The place in a date line: "tỉnh Ninh Bình" → "Ninh Bình". */
export function placeName(org: Organization): string {
  return org.provinceName.replace(/^(tỉnh|thành phố)\s+/i, '');
}

/** Starts a new page when less than `height` points are left on this one. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > bottom(doc)) {
    doc.addPage();
  }
}

/**
 * A centred line that shrinks (down to 10 pt) to fit on one line of `width`; a longer text
 * wraps at 10 pt. Returns the width of its widest line and the height it took.
 */
function fittedLine(doc: Pdf, text: string, x: number, y: number, width: number, size: number) {
  let fitted = size;
  while (fitted > 10 && doc.fontSize(fitted).widthOfString(text) > width) {
    fitted -= 0.5;
  }
  doc.text(text, x, y, { width, align: 'center' });
  return { width: Math.min(doc.widthOfString(text), width), height: doc.y - y };
}

function underline(doc: Pdf, centreX: number, y: number, width: number): void {
  doc
    .moveTo(centreX - width / 2, y)
    .lineTo(centreX + width / 2, y)
    .lineWidth(0.6)
    .stroke();
}

/**
 * "ỦY BAN NHÂN DÂN TỈNH … / SỞ …" on the left, "CỘNG HÒA … / Độc lập - Tự do - Hạnh phúc" on
 * the right, the form number above and the date line under the motto.
 */
export function nationalHeader(
  doc: Pdf,
  org: Organization,
  template: FormTemplate,
  issuedAt: Date,
): void {
  const x = left(doc);
  const width = contentWidth(doc);
  const top = doc.page.margins.top;
  face(doc, 'italic', 9).text(`Mẫu số ${template.number} – ${template.basis}`, x, top - mm(8), {
    width,
    align: 'right',
  });

  const leftWidth = width * 0.42;
  const rightX = x + leftWidth;
  const rightWidth = width - leftWidth;

  face(doc, 'regular');
  const parent = upper(`Ủy ban nhân dân ${org.provinceName}`);
  const parentLine = fittedLine(doc, parent, x, top, leftWidth, 12);
  face(doc, 'bold');
  const agency = fittedLine(doc, upper(org.agencyName), x, top + parentLine.height, leftWidth, 12);
  underline(doc, x + leftWidth / 2, doc.y + 2, agency.width / 3);
  const leftBottom = doc.y + 4;

  face(doc, 'bold', 12);
  const nation = fittedLine(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, rightWidth, 12);
  face(doc, 'bold', 13);
  const motto = fittedLine(
    doc,
    'Độc lập - Tự do - Hạnh phúc',
    rightX,
    top + nation.height,
    rightWidth,
    13,
  );
  const mottoBottom = top + nation.height + motto.height;
  underline(doc, rightX + rightWidth / 2, mottoBottom + 1, motto.width);
  face(doc, 'italic', 12).text(`${placeName(org)}, ${viDate(issuedAt)}`, rightX, mottoBottom + 8, {
    width: rightWidth,
    align: 'center',
  });

  doc.x = x;
  doc.y = Math.max(leftBottom, doc.y) + 14;
}

/** The title in capitals, centred, with an optional line under it ("Mã hồ sơ: …"). */
export function formTitle(doc: Pdf, template: FormTemplate, subtitle?: string): void {
  const x = left(doc);
  face(doc, 'bold', 14).text(upper(template.title), x, doc.y, {
    width: contentWidth(doc),
    align: 'center',
  });
  if (subtitle) {
    face(doc, 'regular', 13).text(subtitle, x, doc.y + 2, {
      width: contentWidth(doc),
      align: 'center',
    });
  }
  doc.x = x;
  doc.moveDown(0.8);
}

/** "Label: value" with the value in bold; wraps under the label. */
export function field(doc: Pdf, label: string, value: string, indent = 0): void {
  face(doc, 'regular', 13).text(`${label}: `, left(doc) + indent, doc.y, {
    width: contentWidth(doc) - indent,
    continued: true,
  });
  face(doc, 'bold').text(value);
  face(doc, 'regular');
  doc.moveDown(0.15);
}

/** A justified paragraph with its first line indented. */
export function paragraph(doc: Pdf, text: string, style: 'regular' | 'italic' = 'regular'): void {
  face(doc, style, 13).text(text, left(doc), doc.y, {
    width: contentWidth(doc),
    align: 'justify',
    indent: mm(10),
  });
  doc.moveDown(0.2);
}

/** "1. …", "2. …" under a heading line, each item wrapping under its own text. */
export function numberedList(doc: Pdf, items: string[], prefix = '', indent = mm(10)): void {
  face(doc, 'regular', 13);
  items.forEach((item, i) => {
    doc.text(`${prefix}${i + 1}. ${item}`, left(doc) + indent, doc.y, {
      width: contentWidth(doc) - indent,
    });
  });
  doc.x = left(doc);
  doc.moveDown(0.2);
}

export interface SignatureBlock {
  /** "Người nộp hồ sơ" — printed in capitals. */
  title: string;
  /** "(Ký và ghi rõ họ tên)" */
  hint: string;
  /** Printed under the space for the signature when known. */
  name: string | null;
}

/**
 * Signature blocks side by side; with `recipients`, the "Nơi nhận:" list takes the left half
 * and the block the right half (Nghị định 30/2020/NĐ-CP layout).
 */
export function signatureBlocks(doc: Pdf, blocks: SignatureBlock[], recipients?: string[]): void {
  ensureSpace(doc, 150);
  const x = left(doc);
  const width = contentWidth(doc);
  const top = doc.y + 8;
  // A lone signature sits in the right half, as on every administrative document.
  const rightHalf = recipients !== undefined || blocks.length === 1;
  const columns = rightHalf ? 2 : blocks.length;
  const columnWidth = width / columns;
  let lowest = top;
  if (recipients) {
    face(doc, 'boldItalic', 12).text('Nơi nhận:', x, top, { width: columnWidth });
    face(doc, 'regular', 11);
    for (const line of recipients) {
      doc.text(`- ${line}`, x, doc.y, { width: columnWidth - 10 });
    }
    lowest = doc.y;
  }
  blocks.forEach((block, i) => {
    const bx = x + columnWidth * (rightHalf ? 1 : i);
    face(doc, 'bold', 13).text(upper(block.title), bx, top, {
      width: columnWidth,
      align: 'center',
    });
    face(doc, 'italic', 12).text(block.hint, bx, doc.y, { width: columnWidth, align: 'center' });
    const nameY = doc.y + 62;
    if (block.name) {
      face(doc, 'bold', 13).text(block.name, bx, nameY, { width: columnWidth, align: 'center' });
    }
    lowest = Math.max(lowest, block.name ? doc.y : nameY);
  });
  doc.x = x;
  doc.y = lowest + 6;
}
