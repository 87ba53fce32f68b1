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
    ['/api/v1/applications?q=ticket', '/api/v1/applications?q=ticket'],
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
  });
});
