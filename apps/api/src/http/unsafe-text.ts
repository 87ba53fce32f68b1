import type { FieldProblem } from '@app/domain';

// A lone UTF-16 surrogate: with the u flag a valid pair is one code point, never matched.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a piece of text cannot be stored or logged as it is, or undefined when it can. */
export function unsafeTextReason(text: string): string | undefined {
  if (text.includes('\u0000')) {
    return 'must not contain a NUL character';
  }
  if (LONE_SURROGATE.test(text)) {
    return 'must not contain a lone UTF-16 surrogate (invalid Unicode)';
  }
  return undefined;
}

/**
 * An upload's raw bytes (a Buffer): not text, and walked as an object it was every byte as a
 * key, about 0.4 s of the API's only thread per megabyte (measured) for nothing that could be
 * found. The content check judges the bytes.
 */
function isBinary(value: unknown): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

/**
 * Whether any string (keys included) in a parsed input is unsafe, without building a path for
 * each: every request's body, query and headers go through this, and nearly all are clean, so
 * the paths are built (findUnsafeText) only when something is found.
 */
export function hasUnsafeText(value: unknown): boolean {
  if (isBinary(value)) {
    return false;
  }
  if (typeof value === 'string') {
    return unsafeTextReason(value) !== undefined;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      if (hasUnsafeText(item)) {
        return true;
      }
    }
    return false;
  }
  if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (
        Object.prototype.hasOwnProperty.call(value, key) &&
        (unsafeTextReason(key) !== undefined ||
          hasUnsafeText((value as Record<string, unknown>)[key]))
      ) {
        return true;
      }
    }
  }
  return false;
}

/** A key as it can be shown in a field path (bad characters escaped, as JSON writes them). */
function printable(key: string): string {
  return JSON.stringify(key).slice(1, -1);
}

function childPath(parent: string, key: string, index: boolean): string {
  if (index) {
    return `${parent}[${key}]`;
  }
  return parent ? `${parent}.${printable(key)}` : printable(key);
}

/**
 * Every string (keys included) in a parsed input that PostgreSQL would refuse (NUL) or that is
 * not valid Unicode (a lone surrogate, which breaks UTF-8 encoding), each with its field path
 * (`applicant.fullName`, `documents[2].name`, `q`). Depth is bounded by the body parser.
 */
export function findUnsafeText(value: unknown, path = ''): FieldProblem[] {
  if (isBinary(value)) {
    return [];
  }
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    return reason ? [{ field: path || 'body', reason }] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => findUnsafeText(item, childPath(path, String(i), true)));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const field = childPath(path, key, false);
      const reason = unsafeTextReason(key);
      const own = reason ? [{ field, reason: `name ${reason}` }] : [];
      return [...own, ...findUnsafeText(item, field)];
    });
  }
  return [];
}
