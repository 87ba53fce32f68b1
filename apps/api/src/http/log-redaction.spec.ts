import { redactRequest, scrubAccessToken } from './log-redaction';

describe('log redaction', () => {
  it.each([
    [
      '/api/v1/metrics/stream?access_token=abc.def.ghi',
      '/api/v1/metrics/stream?access_token=[redacted]',
    ],
    [
      '/api/v1/metrics/stream?x=1&access_token=abc&y=2',
      '/api/v1/metrics/stream?x=1&access_token=[redacted]&y=2',
    ],
    ['/api/v1/applications?q=access_token', '/api/v1/applications?q=access_token'],
    ['/api/v1/health/live', '/api/v1/health/live'],
  ])('%s → %s', (url, expected) => {
    expect(scrubAccessToken(url)).toBe(expected);
  });

  it('redacts the token in the parsed query too and keeps the rest', () => {
    expect(
      redactRequest({
        method: 'GET',
        url: '/s?access_token=t',
        query: { access_token: 't', a: '1' },
      }),
    ).toEqual({
      method: 'GET',
      url: '/s?access_token=[redacted]',
      query: { access_token: '[redacted]', a: '1' },
    });
  });
});
