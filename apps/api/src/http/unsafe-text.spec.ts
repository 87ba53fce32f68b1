import { findUnsafeText } from './unsafe-text';

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
