import { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import { arrayBufferOf } from './pkijs-engine';

export interface ChainOutcome {
  ok: boolean;
  detail: string;
  /** From the signer's certificate to the trust anchor (as far as it was built). */
  chain: X509Certificate[];
}

const nameOf = (c: X509Certificate) =>
  /(?:^|\n| \+ )CN=(.*?)(?= \+ |\n|$)/.exec(c.subject)?.[1] ?? c.subject;

function validityProblem(c: X509Certificate, at: Date): string | null {
  const from = new Date(c.validFrom);
  const to = new Date(c.validTo);
  if (at < from) {
    return `certificate "${nameOf(c)}" is not valid before ${from.toISOString()}`;
  }
  if (at > to) {
    return `certificate "${nameOf(c)}" expired on ${to.toISOString()}`;
  }
  return null;
}

/**
 * Builds the chain from `leaf` through the certificates at hand to a trust anchor, checking
 * each signature, each issuer being a CA and every certificate valid at `at` (the time the
 * timestamp proves, else now).
 */
export function buildChain(
  leaf: X509Certificate,
  pool: X509Certificate[],
  anchors: X509Certificate[],
  at: Date,
): ChainOutcome {
  const chain = [leaf];
  const isAnchor = (c: X509Certificate) =>
    anchors.some((a) => a.fingerprint256 === c.fingerprint256);
  let current = leaf;
  for (let depth = 0; depth < 8; depth++) {
    const invalid = validityProblem(current, at);
    if (invalid) {
      return { ok: false, detail: invalid, chain };
    }
    if (isAnchor(current)) {
      return { ok: true, detail: `chains to trust anchor "${nameOf(current)}"`, chain };
    }
    const issuer = [...anchors, ...pool].find(
      (c) =>
        c.fingerprint256 !== current.fingerprint256 &&
        current.checkIssued(c) &&
        current.verify(c.publicKey),
    );
    if (!issuer) {
      const selfSigned = current.checkIssued(current) && current.verify(current.publicKey);
      return {
        ok: false,
        detail: selfSigned
          ? `self-signed certificate "${nameOf(current)}" is not a trust anchor`
          : `no chain from "${nameOf(current)}" to a trust anchor`,
        chain,
      };
    }
    if (!issuer.ca) {
      return {
        ok: false,
        detail: `issuer "${nameOf(issuer)}" is not a certification authority`,
        chain,
      };
    }
    chain.push(issuer);
    current = issuer;
  }
  return { ok: false, detail: 'the certificate chain is too long', chain };
}

export interface RevocationOutcome {
  outcome: 'passed' | 'failed' | 'not_present';
  detail: string;
}

/**
 * The chain against the CRLs at hand (embedded in the signature or configured): a CRL counts
 * only if its issuer's key signed it; a certificate listed as revoked at or before `at` fails.
 */
export async function checkRevocation(
  chain: X509Certificate[],
  crls: Buffer[],
  at: Date,
): Promise<RevocationOutcome> {
  const lists = crls.flatMap((der) => {
    try {
      return [pkijs.CertificateRevocationList.fromBER(arrayBufferOf(der))];
    } catch {
      return [];
    }
  });
  let used = 0;
  for (let i = 0; i + 1 < chain.length; i++) {
    const certificate = pkijs.Certificate.fromBER(arrayBufferOf(chain[i].raw));
    const issuer = pkijs.Certificate.fromBER(arrayBufferOf(chain[i + 1].raw));
    for (const list of lists) {
      if (!list.issuer.isEqual(issuer.subject)) {
        continue;
      }
      if (!(await list.verify({ issuerCertificate: issuer }))) {
        return {
          outcome: 'failed',
          detail: `a CRL of "${nameOf(chain[i + 1])}" has a bad signature`,
        };
      }
      used++;
      const entry = list.revokedCertificates?.find((r) =>
        r.userCertificate.isEqual(certificate.serialNumber),
      );
      if (entry && entry.revocationDate.value <= at) {
        return {
          outcome: 'failed',
          detail: `certificate "${nameOf(chain[i])}" was revoked on ${entry.revocationDate.value.toISOString()}`,
        };
      }
    }
  }
  return used > 0
    ? { outcome: 'passed', detail: `not revoked according to ${used} CRL(s)` }
    : { outcome: 'not_present', detail: 'no revocation data for the chain' };
}
