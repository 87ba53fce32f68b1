/**
 * Personal data removed before a PAKN is published (spec §8): the petitioner's own name,
 * phone, e-mail and address wherever they appear, and anything that looks like a phone
 * number, an e-mail address or an ID number.
 */
export const REDACTED = '[đã ẩn]';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function redactPersonalData(text: string, known: ReadonlyArray<string | null>): string {
  let out = text;
  for (const value of known) {
    const v = value?.trim();
    if (v && v.length >= 3) {
      out = out.replace(new RegExp(escape(v), 'giu'), REDACTED);
    }
  }
  return out
    .replace(/[^\s@,;]+@[^\s@,;]+\.[a-z]{2,}/gi, REDACTED)
    .replace(/(\+84|0)[\d .-]{8,12}\d/g, REDACTED)
    .replace(/\b\d{9,13}\b/g, REDACTED);
}
