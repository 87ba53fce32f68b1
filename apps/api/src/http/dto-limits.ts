import { getMetadataStorage, ValidationError } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** Dates the API takes: anything outside is a typo or a probe, and breaks date arithmetic. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** PostgreSQL `integer`: an integer without its own bounds must fit the column it goes to. */
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

interface Problem {
  field: string;
  rule: string;
  reason: string;
}

function metadataOf(target: object): ValidationMetadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function childPath(parent: string, key: string | number): string {
  return typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;
}

function dateProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined; // not a date at all: the decorator itself says so
  }
  const year = /^(\d{4})-/.exec(value)?.[1];
  if (year === undefined || Number.isNaN(Date.parse(value))) {
    return 'must be a date the API can read (YYYY-MM-DD or an ISO 8601 date-time)';
  }
  const y = Number(year);
  return y < MIN_YEAR || y > MAX_YEAR
    ? `must be a date between ${MIN_YEAR} and ${MAX_YEAR}`
    : undefined;
}

function intProblem(value: unknown, hasMin: boolean, hasMax: boolean): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return undefined; // @IsInt names it
  }
  if ((!hasMax && value > INT_MAX) || (!hasMin && value < INT_MIN)) {
    return `must be a whole number between ${INT_MIN} and ${INT_MAX}`;
  }
  return undefined;
}

/** The values a property's decorator applies to: the value, or each element with `each`. */
function targets(value: unknown, path: string, each: boolean): Array<[unknown, string]> {
  return each && Array.isArray(value)
    ? value.map((item, i) => [item, childPath(path, i)])
    : [[value, path]];
}

/**
 * What class-validator lets through and the API must not take, read from the DTO's own
 * decorators so that every DTO, present or future, gets it:
 * - `@ValidateNested` values that are arrays where an object is expected (an array of arrays
 *   of documents used to pass and escape `@ArrayMaxSize`);
 * - `@IsISO8601` dates outside MIN_YEAR...MAX_YEAR, or that `Date` cannot read (week dates);
 * - `@IsInt` values beyond PostgreSQL's integer when the DTO sets no bound of its own.
 */
export function findLimitProblems(instance: object, path = ''): Problem[] {
  const problems: Problem[] = [];
  const record = instance as Record<string, unknown>;
  const metadata = metadataOf(instance);
  const named = (property: string, name: string) =>
    metadata.some((m) => m.propertyName === property && m.name === name);
  for (const m of metadata) {
    const value = record[m.propertyName];
    if (value === undefined || value === null) {
      continue;
    }
    const field = childPath(path, m.propertyName);
    if (m.type === 'nestedValidation') {
      for (const [item, itemPath] of targets(value, field, m.each === true)) {
        if (!isPlainRecord(item)) {
          if (Array.isArray(item)) {
            problems.push({
              field: itemPath,
              rule: 'isObject',
              reason: 'must be an object, not an array',
            });
          }
          continue;
        }
        problems.push(...findLimitProblems(item, itemPath));
      }
    } else if (m.name === 'isIso8601') {
      for (const [item, itemPath] of targets(value, field, m.each === true)) {
        const reason = dateProblem(item);
        if (reason) {
          problems.push({ field: itemPath, rule: 'dateRange', reason });
        }
      }
    } else if (m.name === 'isInt') {
      const hasMin = named(m.propertyName, 'min');
      const hasMax = named(m.propertyName, 'max');
      for (const [item, itemPath] of targets(value, field, m.each === true)) {
        const reason = intProblem(item, hasMin, hasMax);
        if (reason) {
          problems.push({ field: itemPath, rule: 'intRange', reason });
        }
      }
    }
  }
  return problems;
}

/** The problems as class-validator errors, so the pipe reports them with its own. */
export function asValidationErrors(problems: Problem[]): ValidationError[] {
  return problems.map((p) => {
    const error = new ValidationError();
    error.property = p.field;
    error.constraints = { [p.rule]: p.reason };
    error.children = [];
    return error;
  });
}
