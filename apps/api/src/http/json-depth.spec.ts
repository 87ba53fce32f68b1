import { jsonDepthExceeds } from './json-depth';

describe('jsonDepthExceeds', () => {
  it.each([
    ['{}', 1, false],
    ['{"a":{}}', 1, true],
    ['[[1]]', 2, false],
    ['[[[1]]]', 2, true],
    // Brackets inside strings, escaped quotes included, do not count.
    ['{"a":"[[[[{{{{"}', 1, false],
    ['{"a":"\\"[[[[", "b": 1}', 1, false],
    ['{"a":"\\\\", "b": [[1]]}', 2, true],
    ['[' + '{"a":1},'.repeat(1000) + '1]', 2, false],
  ])('%s with limit %i → %s', (text, limit, expected) => {
    expect(jsonDepthExceeds(text, limit)).toBe(expected);
  });

  it('stops a 100,000-deep body without recursion', () => {
    expect(jsonDepthExceeds('['.repeat(100_000) + ']'.repeat(100_000))).toBe(true);
  });
});
