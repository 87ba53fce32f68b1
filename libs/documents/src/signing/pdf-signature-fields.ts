/**
 * Finds the signatures of a PDF by their /ByteRange and checks that each range is well formed:
 * it starts at 0, leaves out exactly the hex string that is the value of /Contents, and ends
 * inside the file. The text scan reads uncompressed signature dictionaries, which is how every
 * signer writes them (the /Contents placeholder must be patched in place).
 */
export interface PdfSignatureField {
  byteRange: [number, number, number, number];
  /** The CMS from /Contents (trailing zero padding removed); null when the range is bad. */
  contents: Buffer | null;
  /** Why the byte range is not acceptable; null when it is. */
  byteRangeProblem: string | null;
  subFilter: string | null;
  /** /M of the signature dictionary (claimed, not trusted), as written. */
  claimedTime: string | null;
  /** End of the signed revision (offset of the first byte not covered). */
  signedEnd: number;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

function dictionaryAround(text: string, at: number): string {
  const start = text.lastIndexOf(' obj', at);
  const end = text.indexOf('endobj', at);
  return text.slice(start < 0 ? Math.max(0, at - 4000) : start, end < 0 ? at + 4000 : end);
}

function rangeProblem(pdf: Buffer, text: string, range: number[]): string | null {
  const [a, b, c, d] = range;
  if (a !== 0) {
    return `the signed range starts at ${a}, not at the beginning of the file`;
  }
  if (!(b > 0 && c > b + 1 && d >= 0 && c + d <= pdf.length)) {
    return `the byte range [${range.join(' ')}] does not fit a file of ${pdf.length} bytes`;
  }
  if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) {
    return 'the unsigned gap is not a hex string';
  }
  if (!/^[0-9A-Fa-f\s]*$/.test(text.slice(b + 1, c - 1))) {
    return 'the unsigned gap holds more than the signature';
  }
  if (!/\/Contents\s*$/.test(text.slice(Math.max(0, b - 40), b))) {
    return 'the unsigned gap is not the value of /Contents';
  }
  return null;
}

export function findSignatureFields(pdf: Buffer): PdfSignatureField[] {
  const text = pdf.toString('latin1');
  const fields: PdfSignatureField[] = [];
  for (const match of text.matchAll(BYTE_RANGE)) {
    const range = match.slice(1, 5).map(Number) as [number, number, number, number];
    // signpdf-style placeholders ("/ByteRange [0 /********** ...") never match: unsigned.
    const problem = rangeProblem(pdf, text, range);
    const [, b, c, d] = range;
    let contents: Buffer | null = null;
    if (!problem) {
      const hex = text.slice(b + 1, c - 1).replace(/\s+/g, '');
      contents = Buffer.from(hex.length % 2 === 0 ? hex : `${hex}0`, 'hex');
    }
    const dictionary = dictionaryAround(text, match.index);
    fields.push({
      byteRange: range,
      contents,
      byteRangeProblem: problem,
      subFilter: /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(dictionary)?.[1] ?? null,
      claimedTime: /\/M\s*\((D:[^)]*)\)/.exec(dictionary)?.[1] ?? null,
      signedEnd: c + d,
    });
  }
  return fields;
}

/** The bytes a byte range covers. */
export function signedBytes(pdf: Buffer, range: readonly number[]): Buffer {
  const [a, b, c, d] = range;
  return Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
}
