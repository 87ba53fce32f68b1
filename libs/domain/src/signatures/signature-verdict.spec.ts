import {
  checksFailingAt,
  SIGNATURE_CHECKS,
  SignatureChecks,
  signatureVerdict,
} from './signature-verdict';
import { countsAsSignedResult, signedResultSql } from './signed-result';

const all = (outcome: 'passed' | 'failed' | 'not_present'): SignatureChecks =>
  Object.fromEntries(
    SIGNATURE_CHECKS.map((n) => [n, { outcome, detail: null }]),
  ) as SignatureChecks;

describe('signatureVerdict: what a verified signature is', () => {
  it('every check passed: verified', () => {
    expect(signatureVerdict(all('passed'))).toEqual({
      verified: true,
      failedCheck: null,
      reason: null,
    });
  });

  it.each([['revocation'], ['timestamp']] as const)('%s may be absent', (name) => {
    expect(
      signatureVerdict({ ...all('passed'), [name]: { outcome: 'not_present', detail: 'none' } })
        .verified,
    ).toBe(true);
  });

  it.each([['byteRange'], ['digest'], ['signature'], ['chain'], ['modifications']] as const)(
    '%s may not be absent',
    (name) => {
      const verdict = signatureVerdict({
        ...all('passed'),
        [name]: { outcome: 'not_present', detail: null },
      });
      expect(verdict).toEqual({ verified: false, failedCheck: name, reason: `${name}: missing` });
    },
  );

  it.each(SIGNATURE_CHECKS.map((n) => [n]))('a failed %s fails, naming it and why', (name) => {
    const verdict = signatureVerdict({
      ...all('passed'),
      [name]: { outcome: 'failed', detail: 'why' },
    });
    expect(verdict).toEqual({ verified: false, failedCheck: name, reason: `${name}: why` });
  });

  it('the first failing check in order is the reason', () => {
    const checks = {
      ...all('passed'),
      chain: { outcome: 'failed' as const, detail: 'expired' },
      digest: { outcome: 'failed' as const, detail: 'changed' },
    };
    expect(signatureVerdict(checks).failedCheck).toBe('digest');
  });

  it('checksFailingAt fails at the named check', () => {
    expect(signatureVerdict(checksFailingAt('signature', 'no CMS'))).toEqual({
      verified: false,
      failedCheck: 'signature',
      reason: 'signature: no CMS',
    });
  });
});

describe('K6 counts verified signatures only', () => {
  it.each([
    [{ signatureVerified: true }, true],
    [{ signatureVerified: false }, false],
    [{ signatureVerified: null }, false],
    [{}, false],
    // the client's claim alone never counts
    [{ digitallySigned: true } as { signatureVerified?: boolean }, false],
  ])('%j → %s', (entry, counted) => {
    expect(countsAsSignedResult(entry)).toBe(counted);
  });

  it('the SQL reads the same payload key', () => {
    expect(signedResultSql('h')).toBe(
      "coalesce((h.payload->>'signatureVerified')::boolean, false)",
    );
  });
});
