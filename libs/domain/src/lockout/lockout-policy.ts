/**
 * Progressive lockout (login, public look-up): after `maxFailures` wrong tries a key is locked
 * for `baseSeconds`; each further lock of the same key while it is remembered doubles, up to
 * `maxSeconds`. A guesser's rate falls geometrically; a forgetful user waits a quarter hour.
 */
export interface LockoutPolicy {
  maxFailures: number;
  baseSeconds: number;
  maxSeconds: number;
  /** How long failures and past locks are remembered after the last failure. */
  memorySeconds: number;
}

export const LOCKOUT_MAX_SECONDS = 24 * 3600;

export function lockoutPolicy(maxFailures: number, baseSeconds: number): LockoutPolicy {
  return {
    maxFailures,
    baseSeconds,
    maxSeconds: Math.max(baseSeconds, LOCKOUT_MAX_SECONDS),
    memorySeconds: Math.max(baseSeconds, LOCKOUT_MAX_SECONDS),
  };
}

/** Length of the `lockNumber`-th lock (1 = the first). */
export function lockSeconds(policy: LockoutPolicy, lockNumber: number): number {
  const doublings = Math.min(Math.max(lockNumber - 1, 0), 30);
  return Math.min(policy.baseSeconds * 2 ** doublings, policy.maxSeconds);
}

/** The state kept per key (attempts counted before they are checked, past locks, the lock). */
export interface LockoutState {
  failures: number;
  locks: number;
  /** Epoch milliseconds; 0 when not locked. */
  lockedUntil: number;
}
