import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { DomainError, DomainErrorCode, FieldProblem, RetryLaterError } from '@app/domain';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from './database-unavailable';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details: FieldProblem[];
  current?: unknown;
  correlationId?: string;
}

export function statusForCode(code: DomainErrorCode): number {
  switch (code) {
    case DomainErrorCode.Validation:
      return HttpStatus.BAD_REQUEST;
    case DomainErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case DomainErrorCode.IllegalTransition:
    case DomainErrorCode.StaleVersion:
    case DomainErrorCode.Duplicate:
    case DomainErrorCode.LimitReached:
      return HttpStatus.CONFLICT;
    case DomainErrorCode.IdempotencyKeyReused:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case DomainErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case DomainErrorCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case DomainErrorCode.RateLimited:
      return HttpStatus.TOO_MANY_REQUESTS;
    case DomainErrorCode.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  // A readiness probe that found PostgreSQL or Redis down: the code every other 503 has.
  503: 'SERVICE_UNAVAILABLE',
};

/** Fastify's body errors reach the filter as plain HTTP exceptions: name the field anyway. */
function bodyProblems(statusCode: number, message: string): FieldProblem[] {
  if (statusCode === 413) {
    return [{ field: 'body', reason: 'is larger than the allowed size' }];
  }
  if (statusCode === 400 && /JSON/i.test(message)) {
    return [{ field: 'body', reason: 'is not valid JSON' }];
  }
  if (statusCode === 415) {
    return [{ field: 'content-type', reason: 'must be application/json' }];
  }
  return [];
}

/** Maps every error to `{statusCode, code, message, details}` (style rule 10). */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (exception instanceof RetryLaterError) {
      void reply.header('retry-after', exception.retryAfterSeconds);
    }
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: statusForCode(exception.code),
        code: exception.code,
        message: exception.message,
        details: exception.details,
        ...(exception.current === undefined ? {} : { current: exception.current }),
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const nested =
        typeof response === 'object' ? (response as { message?: unknown }).message : undefined;
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray(nested)
            ? nested.map(String).join('; ')
            : typeof nested === 'string'
              ? nested
              : exception.message;
      return {
        statusCode,
        code: HTTP_CODES[statusCode] ?? `HTTP_${statusCode}`,
        message,
        details: bodyProblems(statusCode, message),
      };
    }
    // Fastify's own errors (body too large, malformed JSON, wrong content type) carry a statusCode.
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (
      typeof fastifyError?.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      const statusCode = fastifyError.statusCode;
      const details =
        fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? [{ field: 'body', reason: 'is not valid JSON' }]
          : statusCode === 413
            ? [{ field: 'body', reason: 'is larger than the allowed size' }]
            : [];
      return {
        statusCode,
        code: HTTP_CODES[statusCode] ?? fastifyError.code ?? `HTTP_${statusCode}`,
        message: fastifyError.message ?? 'Bad request',
        details,
      };
    }
    const correlationId = randomUUID();
    if (isDatabaseUnavailable(exception)) {
      // Not a fault of this request: say so, and that a retry may work.
      this.logger.warn(
        { correlationId, reason: (exception as Error).message },
        'database unavailable',
      );
      return {
        statusCode: 503,
        code: DomainErrorCode.Unavailable,
        message: 'Cơ sở dữ liệu tạm thời không phản hồi; vui lòng thử lại sau ít phút',
        details: [],
        correlationId,
      };
    }
    this.logger.error({ err: exception, correlationId }, 'unhandled error');
    return {
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: `Internal error; quote ${correlationId} to the administrator`,
      details: [],
      correlationId,
    };
  }
}
