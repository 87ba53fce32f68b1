import { COMMON_PASSWORDS } from './common-passwords';

/**
 * Longest password accepted, in UTF-8 bytes. Argon2 reads every byte (unlike bcrypt, which cut
 * at 72), so the limit only bounds the work a login can ask for; 256 bytes are 85 Vietnamese
 * letters with diacritics at the least.
 */
export const PASSWORD_MAX_BYTES = 256;

const utf8 = new TextEncoder();
const BLOCKED = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));
/** Digits and symbols people add to a word to pass a rule: "Matkhau@2026!". */
const TRAILING_DECORATION = /[\d\s!@#$%^&*()_+\-=.,?~]+$/u;
const LEADING_DECORATION = /^[\d\s!@#$%^&*()_+\-=.,?~]+/u;

export interface PasswordPolicy {
  minLength: number;
}

/** The byte limit alone: what a login checks before hashing anything. */
export function passwordTooLong(password: string): boolean {
  return utf8.encode(password).length > PASSWORD_MAX_BYTES;
}

/**
 * Why a new password is refused, in English for the API's `details[].reason` (empty: fine).
 * Length counts characters (what a person sees); the cap counts bytes.
 */
export function newPasswordProblems(
  password: string,
  policy: PasswordPolicy,
  context: { username?: string } = {},
): string[] {
  const problems: string[] = [];
  const characters = [...password].length;
  if (characters < policy.minLength) {
    problems.push(`must be at least ${policy.minLength} characters`);
  }
  if (passwordTooLong(password)) {
    problems.push(`must be at most ${PASSWORD_MAX_BYTES} bytes in UTF-8`);
  }
  const lower = password.normalize('NFC').toLowerCase();
  const core = lower.replace(TRAILING_DECORATION, '').replace(LEADING_DECORATION, '');
  if (BLOCKED.has(lower) || BLOCKED.has(core) || core === '' || new Set(lower).size <= 2) {
    problems.push('is too common or too easy to guess');
  } else if (
    context.username &&
    context.username.length >= 3 &&
    lower.includes(context.username.toLowerCase())
  ) {
    problems.push('must not contain the username');
  }
  return problems;
}
