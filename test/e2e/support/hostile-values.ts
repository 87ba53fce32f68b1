import fc from 'fast-check';

/**
 * Values an attacker (or a broken client) sends instead of what a field expects: the cases
 * issue 9 found answered 500 or stored (NUL, lone surrogates, deep nesting, huge numbers,
 * prototype names, wrong types, arrays for objects, long strings, impossible dates), plus
 * fast-check's own arbitrary strings, numbers and JSON.
 */
const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];
const BAD_DATES = [
  '9999-12-31',
  '0000-00-00',
  '1900-01-01',
  '2026-02-31',
  '2026-13-01',
  '2026-W01',
  '2026-123',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2026-01-01T25:61:00Z',
];
const BAD_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '',
  ' ',
  "' OR 1=1 --",
  '%00',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  'NaN',
  '1e20',
  '-1',
  'null',
  'x'.repeat(10_000),
  'ệ'.repeat(3_000),
  ...PROTOTYPE_NAMES,
  ...BAD_DATES,
];
const BAD_NUMBERS = [
  1e20,
  -1e20,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_VALUE,
  -0,
  0,
  -1,
  1.5,
  1e-7,
];

export const hostileText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...BAD_TEXT) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  );

/** Any JSON value that is wrong for almost every field. */
export const hostileJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 5, arbitrary: hostileText() },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(...BAD_NUMBERS) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(null, true, false, {}, [], [[]], [[1, 2, 3]]),
    },
    { weight: 1, arbitrary: fc.array(hostileText(), { maxLength: 3 }).map((a) => [a]) },
    { weight: 1, arbitrary: fc.constant(Array.from({ length: 300 }, (_, i) => `x${i}`)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(
        { constructor: { prototype: { polluted: true } } },
        { toString: 'x', valueOf: 1 },
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );

/** Text for a query string or a path segment, already percent-encoded (bytes as sent). */
export const hostileUrlText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: hostileText().map(encodeUrlText) },
    {
      weight: 1,
      // Bytes that are not UTF-8 (a lone surrogate's, 0xFF) and broken escapes.
      arbitrary: fc.constantFrom(
        '%ED%A0%80',
        '%FF',
        '%C0%80',
        '%',
        '%zz',
        '%2',
        '..%2F..%2F',
        '%2e%2e',
      ),
    },
  );

/** Percent-encodes the UTF-8 bytes of a string (lone surrogates become U+FFFD, like a browser). */
export function encodeUrlText(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Whole bodies that are not what any operation takes. */
export const hostileBody = (): fc.Arbitrary<{ raw: string } | { json: unknown }> =>
  fc.oneof(
    fc.constantFrom(
      { raw: '['.repeat(5000) + ']'.repeat(5000) },
      { raw: '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) },
      { raw: '{"__proto__":{"admin":true}}' },
      { raw: '{"a":1,' },
      { raw: '' },
      { raw: 'null' },
      { raw: '"\\u0000"' },
      { raw: '{"a":"\\ud800"}' },
    ),
    hostileJson().map((json) => ({ json })),
  );
