import { normalizeStrings } from './validation.pipe';

// "Nguyễn" typed with combining marks (NFD), as some keyboards and PDFs produce it.
const decomposed = 'Nguye\u0302\u0303n'.normalize('NFD');
const composed = decomposed.normalize('NFC');

describe('normalizeStrings', () => {
  it('turns every string to NFC, deep in objects and arrays', () => {
    const input = { applicant: { fullName: decomposed }, documents: [{ name: decomposed }, 'x'] };
    expect(normalizeStrings(input)).toEqual({
      applicant: { fullName: composed },
      documents: [{ name: composed }, 'x'],
    });
  });

  it('copies what changes and leaves the input as it was', () => {
    const input = { a: { b: decomposed }, c: { d: 'ok' }, list: [decomposed, 'ok'] };
    const output = normalizeStrings(input) as typeof input;
    expect(output).not.toBe(input);
    expect(output.a).not.toBe(input.a);
    expect(output.list).not.toBe(input.list);
    // Untouched branches are shared, not copied.
    expect(output.c).toBe(input.c);
    expect(input.a.b).toBe(decomposed);
    expect(input.list[0]).toBe(decomposed);
  });

  it('returns an input that is NFC already as it is', () => {
    const input = { a: [composed, 1, null, { b: true }], c: 'Đà Nẵng' };
    expect(normalizeStrings(input)).toBe(input);
  });

  it('leaves class instances and other values alone', () => {
    const when = new Date(0);
    expect(normalizeStrings(when)).toBe(when);
    expect(normalizeStrings(5)).toBe(5);
    expect(normalizeStrings(null)).toBeNull();
  });
});
