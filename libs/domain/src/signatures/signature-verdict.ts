/**
 * What a verified PDF signature is (issue 13 item 3, domain spec §10): the document unchanged
 * since signing, a valid CMS signature, a chain to a trusted root, not revoked at signing time
 * and, when the signature carries one, a valid timestamp. The verifier (libs/documents) fills
 * in each check; this file alone decides what "verified" means, for the result-ready gate and
 * for K6 alike.
 */
export const SIGNATURE_CHECKS = [
  /** /ByteRange starts at 0 and covers the whole revision but the /Contents hex string. */
  'byteRange',
  /** The CMS messageDigest equals the digest of the bytes the ByteRange covers. */
  'digest',
  /** The CMS signature over the signed attributes verifies with the signer's certificate. */
  'signature',
  /** The signer's certificate chains to a configured trust anchor, each valid at signing time. */
  'chain',
  /** No CRL present for the chain lists one of its certificates as revoked by signing time. */
  'revocation',
  /** The RFC 3161 signature timestamp matches the signature and chains to a trust anchor. */
  'timestamp',
  /** Nothing follows the signed revision but allowed incremental updates (DSS, signatures). */
  'modifications',
] as const;
export type SignatureCheckName = (typeof SIGNATURE_CHECKS)[number];

/** passed; failed (with a reason); not_present (no revocation data, no timestamp). */
export type SignatureCheckOutcome = 'passed' | 'failed' | 'not_present';

export interface SignatureCheck {
  outcome: SignatureCheckOutcome;
  /** Why it failed, or what was checked (English; logs and API). */
  detail: string | null;
}

export type SignatureChecks = Record<SignatureCheckName, SignatureCheck>;

/** Checks that may be absent without failing: revocation data and the timestamp are optional. */
const MAY_BE_ABSENT: ReadonlySet<SignatureCheckName> = new Set(['revocation', 'timestamp']);

export interface SignatureVerdict {
  verified: boolean;
  /** The first check that did not pass, in SIGNATURE_CHECKS order; null when verified. */
  failedCheck: SignatureCheckName | null;
  reason: string | null;
}

export function signatureVerdict(checks: SignatureChecks): SignatureVerdict {
  for (const name of SIGNATURE_CHECKS) {
    const check = checks[name];
    const ok =
      check.outcome === 'passed' || (check.outcome === 'not_present' && MAY_BE_ABSENT.has(name));
    if (!ok) {
      return {
        verified: false,
        failedCheck: name,
        reason: `${name}: ${check.detail ?? (check.outcome === 'not_present' ? 'missing' : 'failed')}`,
      };
    }
  }
  return { verified: true, failedCheck: null, reason: null };
}

/** A report whose checks were not all run (e.g. no signature found) fails on the first one. */
export function checksFailingAt(name: SignatureCheckName, detail: string): SignatureChecks {
  const checks = {} as SignatureChecks;
  let reached = false;
  for (const n of SIGNATURE_CHECKS) {
    reached = reached || n === name;
    checks[n] = reached
      ? { outcome: 'failed', detail: n === name ? detail : 'not checked' }
      : { outcome: 'passed', detail: null };
  }
  return checks;
}
