import { lockoutPolicy, lockSeconds } from './lockout-policy';
import { RetryLaterError, waitInVietnamese } from './retry-later';

describe('progressive lockout', () => {
  const policy = lockoutPolicy(5, 900);

  it.each([
    [1, 900],
    [2, 1800],
    [3, 3600],
    [7, 57600],
    [8, 86400],
    [40, 86400],
  ])('lock %i lasts %i s', (n, seconds) => {
    expect(lockSeconds(policy, n)).toBe(seconds);
  });
});

describe('telling a locked-out person when to retry', () => {
  it.each([
    [30, '1 phút'],
    [900, '15 phút'],
    [3600, '1 giờ'],
    [5400, '1 giờ 30 phút'],
  ])('%i s → %s', (seconds, text) => {
    expect(waitInVietnamese(seconds)).toBe(text);
  });

  it('says how long and the local time (Asia/Ho_Chi_Minh), and carries Retry-After', () => {
    const now = new Date('2026-12-04T08:00:00Z');
    const error = new RetryLaterError('Tạm khóa', new Date('2026-12-04T08:15:00Z'), now);
    expect(error.retryAfterSeconds).toBe(900);
    expect(error.message).toBe(
      'Tạm khóa. Vui lòng thử lại sau 15 phút (lúc 15:15 ngày 04/12/2026).',
    );
    expect(error.current).toEqual({ retryAt: '2026-12-04T08:15:00.000Z', retryAfterSeconds: 900 });
  });
});
