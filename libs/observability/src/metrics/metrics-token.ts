import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether an Authorization header carries the configured METRICS_TOKEN (`Bearer <token>`),
 * compared in constant time. No token configured: nothing matches.
 */
export function carriesMetricsToken(header: string | undefined, token: string | null): boolean {
  if (token === null || typeof header !== 'string' || !header.startsWith('Bearer ')) {
    return false;
  }
  return timingSafeEqual(digest(header.slice('Bearer '.length)), digest(token));
}
