import { redactRequest, scrubQuerySecrets } from './log-redaction';

describe('log redaction', () => {
  it.each([
    [
      '/api/v1/metrics/stream?ticket=q1Z3n0v7cX0kq4m5Yb8n2f9wJr6tL1aHs0dE3pG7uKc',
      '/api/v1/metrics/stream?ticket=[redacted]',
    ],
    [
      '/api/v1/metrics/stream?x=1&ticket=abc&y=2',
      '/api/v1/metrics/stream?x=1&ticket=[redacted]&y=2',
    ],
    // No longer accepted anywhere, but a stale client's token must not be logged either.
    [
      '/api/v1/metrics/stream?access_token=abc.def.ghi',
      '/api/v1/metrics/stream?access_token=[redacted]',
    ],
    // Personal data: the search text (names, phones, identity numbers).
    ['/api/v1/applications?q=0987654321&limit=5', '/api/v1/applications?q=[redacted]&limit=5'],
    ['/api/v1/applications?limit=5&q=Ph%E1%BA%A1m', '/api/v1/applications?limit=5&q=[redacted]'],
    ['/x?phone=0987654321&idNumber=079203001234', '/x?phone=[redacted]&idNumber=[redacted]'],
    ['/api/v1/applications?sq=1', '/api/v1/applications?sq=1'],
    ['/api/v1/applications?subticket=1', '/api/v1/applications?subticket=1'],
    ['/api/v1/health/live', '/api/v1/health/live'],
  ])('%s → %s', (url, expected) => {
    expect(scrubQuerySecrets(url)).toBe(expected);
  });

  it('redacts the ticket and a token in the parsed query too and keeps the rest', () => {
    expect(
      redactRequest({
        method: 'GET',
        url: '/s?ticket=k&access_token=t',
        query: { ticket: 'k', access_token: 't', a: '1' },
      }),
    ).toEqual({
      method: 'GET',
      url: '/s?ticket=[redacted]&access_token=[redacted]',
      query: { ticket: '[redacted]', access_token: '[redacted]', a: '1' },
    });
    expect(redactRequest({ url: '/a?q=An', query: { q: 'An', limit: '5' } })).toEqual({
      url: '/a?q=[redacted]',
      query: { q: '[redacted]', limit: '5' },
    });
  });
});
