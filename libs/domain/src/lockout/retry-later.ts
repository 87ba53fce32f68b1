import { DomainError, DomainErrorCode } from '../errors/domain-error';

/** Local time of the one-stop shop, in which a citizen is told when to come back. */
const ZONE = 'Asia/Ho_Chi_Minh';
const LOCAL_CLOCK = new Intl.DateTimeFormat('vi-VN', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const LOCAL_DATE = new Intl.DateTimeFormat('vi-VN', {
  timeZone: ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** "lúc 15:45 ngày 04/12/2026" */
export function localMomentInVietnamese(at: Date): string {
  return `lúc ${LOCAL_CLOCK.format(at)} ngày ${LOCAL_DATE.format(at)}`;
}

/** "15 phút", "2 giờ", "1 giờ 30 phút": a wait a person reads at a glance. */
export function waitInVietnamese(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) {
    return `${minutes} phút`;
  }
  return rest === 0 ? `${hours} giờ` : `${hours} giờ ${rest} phút`;
}

/**
 * Refused for now (rate limit, lockout): 429 with Retry-After. `current` tells a client when to
 * retry; the message tells a person, in Vietnamese, in local time.
 */
export class RetryLaterError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(reason: string, retryAt: Date, now: Date) {
    const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
    super(
      DomainErrorCode.RateLimited,
      `${reason}. Vui lòng thử lại sau ${waitInVietnamese(retryAfterSeconds)} (${localMomentInVietnamese(retryAt)}).`,
      [],
      { retryAt: retryAt.toISOString(), retryAfterSeconds },
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
