import type { Options } from 'pino-http';
import { redactRequest } from './log-redaction';

const PER_REQUEST_LEVELS = new Set(['info', 'debug', 'trace']);

/**
 * pino-http's options for the API. Per-request logs are written at info: below that level their
 * cost is skipped (about a tenth of the intake path's CPU, profiled) rather than built and
 * dropped. pino-http still binds every request to a full child logger that only the per-request
 * log writes with; without that log, serialising and redacting the request into it cost 5-9 % of
 * an intake's CPU for a binding nothing prints, so the request serialises to nothing there.
 * Logs within a request keep its reqId (quietReqLogger).
 */
export function requestLogging(logLevel: string): Options {
  const perRequest = PER_REQUEST_LEVELS.has(logLevel);
  return {
    level: logLevel,
    autoLogging: perRequest,
    quietReqLogger: true,
    redact: [
      'req.headers.authorization',
      'req.headers.cookie',
      'res.headers["set-cookie"]',
      'req.body.password',
      'req.body.currentPassword',
      'req.body.newPassword',
      'req.headers["x-citizen-token"]',
      // A failed statement's values (names, phones, identity numbers) and PostgreSQL's
      // "Key (...)=(...)" detail: the unhandled-error log keeps the SQL, not the data.
      'err.parameters',
      'err.detail',
      'err.driverError.detail',
    ],
    serializers: { req: perRequest ? redactRequest : () => undefined },
  };
}
