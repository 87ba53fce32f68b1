import { DomainError } from '../errors';

/** The default bound on how old a hand-over record may be when the desk logs it. */
export const DEFAULT_POSTAL_HANDOVER_MAX_AGE_DAYS = 7;

/** Clock skew tolerated between the signing device and the server, in ms. */
export const SIGNATURE_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The legal reception time of a dossier received by post (Decision 45/2016/QĐ-TTg, domain
 * spec §9): the signature of the hand-over record (biên bản giao nhận) between the post office
 * and the desk — not the moment the desk types it. Bounded: never in the future (beyond a
 * few minutes of clock skew), never older than `maxAgeDays` (a record that old needs an
 * explanation, not a silent back-dated clock). `field` names the input in the 400 answer.
 */
export function postalReceptionTime(input: {
  signedAt: Date;
  now: Date;
  maxAgeDays: number;
  field?: string;
}): Date {
  const field = input.field ?? 'handOver.signedAt';
  const signed = input.signedAt.getTime();
  if (Number.isNaN(signed)) {
    throw DomainError.validation(field, 'must be a date-time');
  }
  if (signed > input.now.getTime() + SIGNATURE_CLOCK_SKEW_MS) {
    throw DomainError.validation(field, 'is in the future');
  }
  if (signed < input.now.getTime() - input.maxAgeDays * 86_400_000) {
    throw DomainError.validation(
      field,
      `is more than ${input.maxAgeDays} days ago (POSTAL_HANDOVER_MAX_AGE_DAYS)`,
    );
  }
  // A signature a few minutes "ahead" of the server is taken as now.
  return new Date(Math.min(signed, input.now.getTime()));
}
