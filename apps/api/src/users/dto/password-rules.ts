import { PASSWORD_MAX_BYTES } from '@app/domain';

/** The password policy as the API docs state it (checked by newPasswordProblems). */
export const PASSWORD_RULES = `At least PASSWORD_MIN_LENGTH characters (12 by default), at most ${PASSWORD_MAX_BYTES} bytes in UTF-8, not a common password, not containing the username`;

/**
 * The shortest PASSWORD_MIN_LENGTH may be: checked with the other fields, so that a short
 * password is named together with them; the service then applies the configured policy.
 */
export const PASSWORD_MIN_LENGTH_FLOOR = 8;
