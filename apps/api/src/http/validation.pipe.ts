import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { DomainError, DomainErrorCode, FieldProblem } from '@app/domain';
import { asValidationErrors, findLimitProblems } from './dto-limits';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      reason:
        rule === 'whitelistValidation'
          ? 'unknown field'
          : message.replace(new RegExp(`^${error.property} `), ''),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Normalises every string to NFC so Vietnamese text is stored and compared in one form. An
 * array or object is copied only when something in it changes: nearly every body is NFC
 * already, and copying each one on every request was a measurable part of an intake's CPU.
 */
export function normalizeStrings(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const normalized = normalizeStrings(item);
      if (normalized !== item) {
        copy ??= [...value];
        copy[i] = normalized;
      }
    });
    return copy ?? value;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const normalized = normalizeStrings(item);
      if (normalized !== item) {
        copy ??= { ...value };
        copy[key] = normalized;
      }
    }
    return copy ?? value;
  }
  return value;
}

/**
 * Rejects unknown fields and names every bad field; errors leave as DomainError so the one
 * filter shapes them.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => {
        const details = flatten(errors);
        return new DomainError(
          DomainErrorCode.Validation,
          `Invalid input: ${details.map((d) => `${d.field} (${d.reason})`).join('; ')}`,
          details,
        );
      },
    });
  }

  /** class-validator's checks, plus the limits it does not enforce (dto-limits.ts). */
  protected override async validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    return [...errors, ...asValidationErrors(findLimitProblems(object))];
  }

  override async transform(
    value: unknown,
    metadata: Parameters<ValidationPipe['transform']>[1],
  ): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value))
    ) {
      if (metadata.metatype && metadata.metatype !== Object) {
        throw new DomainError(
          DomainErrorCode.Validation,
          'The request body must be a JSON object',
          [{ field: 'body', reason: 'must be a JSON object' }],
        );
      }
    }
    return super.transform(normalizeStrings(value), metadata);
  }
}
