import QRCode from 'qrcode';
import type { Pdf } from './render-pdf';

/** The public status page a printed receipt's QR code opens. */
export function statusPageUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/app/tra-cuu?code=${encodeURIComponent(code)}`;
}

/** The dark modules of the QR symbol for `text`, row by row (true = dark). */
export function qrModules(text: string): boolean[][] {
  // Level M: survives a crease or a stamp over a corner, still small for a ~60-char URL.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: boolean[][] = [];
  for (let row = 0; row < modules.size; row += 1) {
    const cells: boolean[] = [];
    for (let col = 0; col < modules.size; col += 1) {
      cells.push(modules.get(row, col) === 1);
    }
    rows.push(cells);
  }
  return rows;
}

/** Draws the QR code as vector squares (sharp at any print size), with a 4-module quiet zone. */
export function drawQrCode(doc: Pdf, text: string, x: number, y: number, size: number): void {
  const rows = qrModules(text);
  const quiet = 4;
  const cell = size / (rows.length + quiet * 2);
  doc.save();
  rows.forEach((cells, row) => {
    // One rectangle per run of dark modules: fewer paths, no hairline seams between squares.
    let start = -1;
    cells.concat(false).forEach((dark, col) => {
      if (dark && start < 0) {
        start = col;
      } else if (!dark && start >= 0) {
        doc.rect(x + (start + quiet) * cell, y + (row + quiet) * cell, (col - start) * cell, cell);
        start = -1;
      }
    });
  });
  doc.fillColor('black').fill();
  doc.restore();
}
