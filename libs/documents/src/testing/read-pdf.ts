import { spawn } from 'node:child_process';

export interface PdfContents {
  /** The text of every page, as a reader extracts it (lines joined with "\n"). */
  text: string;
  /** The text in NFC with every run of white space (line breaks of wrapped lines) as one space. */
  flat: string;
  pages: number;
  info: Record<string, unknown>;
  /** With `qr`, per page: what the QR code found on the rendered page decodes to, or null. */
  qr: Array<string | null>;
}

// pdf.js (inside pdf-parse) loads its worker through a dynamic import, which Jest's VM does not
// allow; the PDF is therefore read by a plain Node process. Page images are rendered by
// pdf-parse (@napi-rs/canvas) and decoded with jsQR: the QR code is checked as a phone sees it.
const SCRIPT = `
const { PDFParse } = require(${JSON.stringify(require.resolve('pdf-parse'))});
const { PNG } = require(${JSON.stringify(require.resolve('pngjs'))});
const jsQR = require(${JSON.stringify(require.resolve('jsqr'))});
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    const shots = process.argv[1] === 'qr'
      ? await parser.getScreenshot({ scale: 3, imageBuffer: true, imageDataUrl: false })
      : { pages: [] };
    const qr = shots.pages.map((page) => {
      const png = PNG.sync.read(Buffer.from(page.data));
      const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      return found ? found.data : null;
    });
    process.stdout.write(JSON.stringify({ text: text.text, pages: text.total, info: info.info, qr }));
  } finally {
    await parser.destroy();
  }
});
`;

/** Extracts the text, metadata and (rendering the pages, slower) QR codes of a PDF, for tests. */
export function readPdf(pdf: Buffer, options: { qr?: boolean } = {}): Promise<PdfContents> {
  return new Promise((resolve, reject) => {
    const args = ['-e', SCRIPT, options.qr ? 'qr' : 'text'];
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`reading the PDF failed (${code}): ${Buffer.concat(err).toString()}`));
        return;
      }
      const read = JSON.parse(Buffer.concat(out).toString('utf8')) as Omit<PdfContents, 'flat'>;
      resolve({ ...read, flat: read.text.normalize('NFC').replace(/\s+/g, ' ') });
    });
    child.stdin.end(pdf);
  });
}
