import { findUnsafeText, hasUnsafeText } from './unsafe-text';

describe('findUnsafeText', () => {
  it('accepts Vietnamese text, emoji (a valid surrogate pair) and plain values', () => {
    expect(
      findUnsafeText({ name: 'Nguyễn Thị Ánh 😀', n: 1, ok: true, list: ['a', null] }),
    ).toEqual([]);
  });

  it('names each NUL and lone surrogate by its field path, keys included', () => {
    expect(
      findUnsafeText({
        applicant: { fullName: 'A\u0000B' },
        documents: [{ name: 'ok' }, { name: '\ud800x' }],
        'k\u0000': 'v',
        tail: 'x\udc00',
      }).map((p) => p.field),
    ).toEqual(['applicant.fullName', 'documents[1].name', 'k\\u0000', 'tail']);
  });

  it('names a bare string body "body"', () => {
    expect(findUnsafeText('\u0000')).toEqual([
      { field: 'body', reason: 'must not contain a NUL character' },
    ]);
  });
});

describe('hasUnsafeText', () => {
  const nullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, {
    q: 'x\u0000',
  });
  const inputs: [string, unknown, boolean][] = [
    ['clean nested input', { a: 'Nguyễn 😀', b: [1, { c: 'ok' }], d: null }, false],
    ['a NUL deep in an array', { a: [{ b: ['ok', 'x\u0000'] }] }, true],
    ['a lone surrogate in a key', { ['k\ud800']: 1 }, true],
    ['a NUL in a null-prototype query', nullPrototype, true],
    ['a bare unsafe string', '\udc00', true],
    ['numbers and booleans', [1, true, false, 0], false],
    // An upload's bytes are not text: a PDF holds NUL bytes, and the content check judges it.
    ['an upload body (a Buffer with NUL bytes)', Buffer.from('%PDF-1.7\u0000\u0000'), false],
  ];

  it.each(inputs)('%s', (_name, input, unsafe) => {
    expect(hasUnsafeText(input)).toBe(unsafe);
    // The hook answers from hasUnsafeText and only then builds paths: the two must agree.
    expect(findUnsafeText(input).length > 0).toBe(unsafe);
  });
});
