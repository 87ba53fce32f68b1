import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { DomainError, DomainErrorCode, FieldProblem } from '@app/domain';
import { findUnsafeText, hasUnsafeText } from './unsafe-text';

/**
 * Names a plain object inherits (`constructor`, `toString`, `__proto__`...). No resource is
 * named so, and a path parameter used as a key in a lookup table would find the inherited
 * function instead of nothing: such a parameter is answered 404 before any handler runs.
 */
const INHERITED_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

function invalid(problems: FieldProblem[]): DomainError {
  return new DomainError(
    DomainErrorCode.Validation,
    `Invalid input: ${problems.map((p) => `${p.field} (${p.reason})`).join('; ')}`,
    problems,
  );
}

/**
 * Fastify `preValidation` hook for every route: path parameters, query, body and headers may
 * not carry a NUL character or a lone surrogate (PostgreSQL refuses the first with an error,
 * UTF-8 cannot encode the second), answered 400 naming each field.
 */
export function rejectUnsafeText(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  const params = (request.params ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && INHERITED_NAMES.has(value)) {
      done(
        new DomainError(DomainErrorCode.NotFound, `No ${name} named ${value}`, [
          { field: name, reason: 'names nothing that exists' },
        ]),
      );
      return;
    }
  }
  const query = request.query ?? {};
  if (
    !hasUnsafeText(params) &&
    !hasUnsafeText(query) &&
    !hasUnsafeText(request.body) &&
    !hasUnsafeText(request.headers)
  ) {
    done();
    return;
  }
  const problems = [
    ...findUnsafeText(params),
    ...findUnsafeText(query),
    ...findUnsafeText(request.body),
    ...findUnsafeText(request.headers).map((p) => ({ ...p, field: `header ${p.field}` })),
  ];
  done(problems.length > 0 ? invalid(problems) : undefined);
}
