import { checkFileContent, detectFileType, FileRules } from './file-content';

const rules: FileRules = { maxBytes: 64, allowedTypes: ['pdf', 'jpeg', 'png'] };
const bytes = (...b: number[]) => Uint8Array.from(b);
const ascii = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

describe('detectFileType', () => {
  it.each([
    ['PDF', ascii('%PDF-1.7\n...'), 'pdf'],
    ['JPEG (JFIF)', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'jpeg'],
    ['JPEG (Exif)', bytes(0xff, 0xd8, 0xff, 0xe1, 0, 0x10), 'jpeg'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'png'],
    ['Windows executable', ascii('MZ\x90\x00\x03'), null],
    ['ELF executable', bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1), null],
    ['ZIP (docx)', bytes(0x50, 0x4b, 0x03, 0x04), null],
    ['text that mentions PDF', ascii(' %PDF-1.4'), null],
    ['a truncated PNG header', bytes(0x89, 0x50, 0x4e), null],
  ])('%s', (_name, content, expected) => {
    expect(detectFileType(content)).toBe(expected);
  });
});

describe('checkFileContent', () => {
  it('accepts a PDF within the limit and names its media type', () => {
    expect(checkFileContent(ascii('%PDF-1.4 x'), rules)).toEqual({
      ok: true,
      type: 'pdf',
      mediaType: 'application/pdf',
    });
  });
  it('refuses an executable whatever its name', () => {
    const check = checkFileContent(ascii('MZ\x90\x00 this is not a pdf'), rules);
    expect(check.ok).toBe(false);
  });
  it('refuses a file one byte over the limit, accepts one at the limit', () => {
    const atLimit = new Uint8Array(64);
    atLimit.set(ascii('%PDF-'));
    const over = new Uint8Array(65);
    over.set(ascii('%PDF-'));
    expect(checkFileContent(atLimit, rules).ok).toBe(true);
    expect(checkFileContent(over, rules)).toEqual({ ok: false, reason: 'is larger than 64 bytes' });
  });
  it('refuses an empty file', () => {
    expect(checkFileContent(new Uint8Array(0), rules)).toEqual({ ok: false, reason: 'is empty' });
  });
  it('refuses a type the configuration leaves out', () => {
    const check = checkFileContent(bytes(0xff, 0xd8, 0xff, 0xe0), {
      ...rules,
      allowedTypes: ['pdf'],
    });
    expect(check.ok).toBe(false);
  });
});
