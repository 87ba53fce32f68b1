/**
 * K6 counts verified signatures only (domain spec §10): the result_ready history line records
 * whether the application's result document carried a signature that verified then
 * (signatureVerdict). The client's `digitallySigned` claim is kept in the record but never
 * counted. One definition for TypeScript (KPI contributions) and SQL (facts, checks).
 */
export const SIGNATURE_VERIFIED_KEY = 'signatureVerified';

export function countsAsSignedResult(entry: { signatureVerified?: boolean | null }): boolean {
  return entry.signatureVerified === true;
}

/** The same rule over application_history rows (`alias` is the history table's alias). */
export function signedResultSql(alias: string): string {
  return `coalesce((${alias}.payload->>'${SIGNATURE_VERIFIED_KEY}')::boolean, false)`;
}
