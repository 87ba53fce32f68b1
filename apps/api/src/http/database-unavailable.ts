/**
 * Whether an error means "the database cannot serve now" (down, restarting, refusing
 * connections, pool exhausted, statement timed out) rather than a fault of this request: such
 * an answer is 503, worth retrying, not 500. `pg` errors carry a SQLSTATE; TypeORM wraps them
 * (driverError); connection failures are Node network errors or pg-pool's own messages.
 */
const SQLSTATE_CLASSES = ['08', '53', '57P']; // connection, resources, operator intervention
const SQLSTATES = new Set(['57014']); // statement_timeout
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /not currently accepting connections/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Client has encountered a connection error/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 3; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (NETWORK.has(code) || SQLSTATES.has(code)) {
        return true;
      }
      if (/^[0-9A-Z]{5}$/.test(code) && SQLSTATE_CLASSES.some((c) => code.startsWith(c))) {
        return true;
      }
    }
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) {
      return true;
    }
    e =
      (e as { driverError?: unknown; cause?: unknown }).driverError ??
      (e as { cause?: unknown }).cause;
  }
  return false;
}
