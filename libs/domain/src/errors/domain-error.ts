/** Error codes shared by the API (mapped to HTTP) and the worker (mapped to retry / fail). */
export enum DomainErrorCode {
  Validation = 'VALIDATION_FAILED',
  NotFound = 'NOT_FOUND',
  IllegalTransition = 'ILLEGAL_TRANSITION',
  StaleVersion = 'STALE_VERSION',
  Duplicate = 'DUPLICATE',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  Forbidden = 'FORBIDDEN',
  Unauthenticated = 'UNAUTHENTICATED',
  LimitReached = 'LIMIT_REACHED',
  RateLimited = 'RATE_LIMITED',
  /** A backing service (e.g. Redis) is unreachable: retry later, nothing is wrong with the call. */
  Unavailable = 'SERVICE_UNAVAILABLE',
}

export interface FieldProblem {
  field: string;
  reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: FieldProblem[] = [],
    /** For conflicts: the current state of the resource, returned to the caller. */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(field: string, reason: string): DomainError {
    return new DomainError(DomainErrorCode.Validation, `${field}: ${reason}`, [{ field, reason }]);
  }

  static notFound(what: string, key: string): DomainError {
    return new DomainError(DomainErrorCode.NotFound, `${what} ${key} not found`);
  }
}
