import { face, type Pdf } from './render-pdf';

export interface TableColumn {
  header: string;
  /** Share of the content width; the shares of a table add up to 1. */
  share: number;
  align?: 'left' | 'center';
}

const PADDING = 3;
const BODY_SIZE = 10;

function rowHeight(doc: Pdf, cells: string[], widths: number[]): number {
  const heights = cells.map(
    (cell, i) => doc.heightOfString(cell, { width: widths[i] - PADDING * 2 }) + PADDING * 2,
  );
  return Math.max(...heights, BODY_SIZE + PADDING * 2);
}

function drawRow(doc: Pdf, cells: string[], widths: number[], columns: TableColumn[], y: number) {
  const height = rowHeight(doc, cells, widths);
  let x = doc.page.margins.left;
  cells.forEach((cell, i) => {
    doc.lineWidth(0.5).rect(x, y, widths[i], height).stroke();
    doc.text(cell, x + PADDING, y + PADDING, {
      width: widths[i] - PADDING * 2,
      align: columns[i].align ?? 'left',
    });
    x += widths[i];
  });
  return height;
}

/** A ruled table that breaks across pages, repeating its header row on each new page. */
export function drawTable(doc: Pdf, columns: TableColumn[], rows: string[][]): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const widths = columns.map((c) => c.share * width);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const headers = columns.map((c) => c.header);
  const header = (y: number) => {
    face(doc, 'bold', BODY_SIZE);
    const height = drawRow(
      doc,
      headers,
      widths,
      columns.map((c) => ({ ...c, align: 'center' as const })),
      y,
    );
    face(doc, 'regular', BODY_SIZE);
    return y + height;
  };
  let y = header(doc.y);
  for (const cells of rows) {
    face(doc, 'regular', BODY_SIZE);
    if (y + rowHeight(doc, cells, widths) > bottom()) {
      doc.addPage();
      y = header(doc.page.margins.top);
    }
    y += drawRow(doc, cells, widths, columns, y);
  }
  doc.x = doc.page.margins.left;
  doc.y = y + 8;
}
