import { carriesMetricsToken } from './metrics-token';

describe('carriesMetricsToken', () => {
  const token = 'x'.repeat(40);

  it('accepts exactly the configured bearer token', () => {
    expect(carriesMetricsToken(`Bearer ${token}`, token)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['another token', `Bearer ${'y'.repeat(40)}`],
    ['a prefix of it', `Bearer ${token.slice(1)}`],
    ['another scheme', `Basic ${token}`],
    ['the bare token', token],
  ])('refuses %s', (_, header) => {
    expect(carriesMetricsToken(header, token)).toBe(false);
  });

  it('refuses everything when no token is configured', () => {
    expect(carriesMetricsToken('Bearer ', null)).toBe(false);
    expect(carriesMetricsToken(`Bearer ${token}`, null)).toBe(false);
  });
});
