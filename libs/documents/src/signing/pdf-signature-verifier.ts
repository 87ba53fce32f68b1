import { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import {
  checksFailingAt,
  SignatureCheck,
  SignatureChecks,
  signatureVerdict,
  SignatureVerdict,
} from '@app/domain';
import { buildChain, checkRevocation } from './certificate-chain';
import {
  certificatesOf,
  checkDigest,
  checkSignature,
  parseSignedContentInfo,
  parseSignedData,
  signerCertificateOf,
} from './cms-verification';
import { findSignatureFields, PdfSignatureField, signedBytes } from './pdf-signature-fields';
import { checkModificationsAfter } from './pdf-modifications';
import { bufferOf } from './pkijs-engine';
import { verifySignatureTimestamp, verifyTimestampToken } from './timestamp-verification';

/** What the verifier trusts: root (or intermediate) certificates, and CRLs it was given. */
export interface TrustSettings {
  anchors: X509Certificate[];
  /** CRLs from configuration, used besides those embedded in signatures (DER). */
  crls: Buffer[];
}

export interface PdfSignatureReport {
  checks: SignatureChecks;
  verdict: SignatureVerdict;
  subFilter: string | null;
  signer: { subject: string; issuer: string; serialNumber: string } | null;
  /** /M of the signature dictionary: what the signer claims, not proven. */
  claimedTime: string | null;
  /** What the timestamp proves, when there is a valid one. */
  timestampedAt: string | null;
  coversWholeFile: boolean;
}

export interface PdfVerification {
  /** At least one signature, and every signature verified. */
  verified: boolean;
  /** Why not (the first failing check, prefixed with the signature's number if several). */
  reason: string | null;
  signatures: PdfSignatureReport[];
}

const SUPPORTED_SUBFILTERS = ['ETSI.CAdES.detached', 'adbe.pkcs7.detached', 'ETSI.RFC3161'];

const passed = (detail: string): SignatureCheck => ({ outcome: 'passed', detail });
const failed = (detail: string): SignatureCheck => ({ outcome: 'failed', detail });

function report(
  field: PdfSignatureField,
  checks: SignatureChecks,
  extra: Partial<PdfSignatureReport> = {},
  pdfLength: number,
): PdfSignatureReport {
  return {
    checks,
    verdict: signatureVerdict(checks),
    subFilter: field.subFilter,
    signer: null,
    claimedTime: field.claimedTime,
    timestampedAt: null,
    coversWholeFile: field.signedEnd === pdfLength,
    ...extra,
  };
}

async function verifyField(
  pdf: Buffer,
  field: PdfSignatureField,
  trust: TrustSettings,
  now: Date,
): Promise<PdfSignatureReport> {
  if (field.byteRangeProblem || !field.contents) {
    return report(
      field,
      checksFailingAt('byteRange', field.byteRangeProblem ?? 'no /Contents'),
      {},
      pdf.length,
    );
  }
  if (!SUPPORTED_SUBFILTERS.includes(field.subFilter ?? '')) {
    return report(
      field,
      checksFailingAt('signature', `unsupported SubFilter ${field.subFilter ?? '(none)'}`),
      {},
      pdf.length,
    );
  }
  const content = signedBytes(pdf, field.byteRange);
  const modifications = checkModificationsAfter(pdf, field.signedEnd);
  const modificationsCheck = modifications.ok
    ? passed(modifications.detail)
    : failed(modifications.detail);
  let signed: pkijs.SignedData;
  try {
    signed = parseSignedData(field.contents);
  } catch (error) {
    return report(
      field,
      checksFailingAt('digest', `/Contents is not a CMS signature (${(error as Error).message})`),
      {},
      pdf.length,
    );
  }

  if (field.subFilter === 'ETSI.RFC3161') {
    // A document timestamp: the token itself is over the signed bytes.
    const token = parseSignedContentInfo(field.contents);
    const stamp = verifyTimestampToken(token, content, trust.anchors);
    const checks: SignatureChecks =
      stamp.outcome === 'passed'
        ? {
            byteRange: passed('the range leaves out only /Contents'),
            digest: passed('the timestamp imprint matches the signed bytes'),
            signature: passed(stamp.detail),
            chain: passed('the timestamp authority chains to a trust anchor'),
            revocation: { outcome: 'not_present', detail: 'not checked for document timestamps' },
            timestamp: passed(stamp.detail),
            modifications: modificationsCheck,
          }
        : checksFailingAt('timestamp', stamp.detail);
    return report(field, checks, { timestampedAt: stamp.time?.toISOString() ?? null }, pdf.length);
  }

  const signer = signed.signerInfos[0];
  if (!signer || signed.signerInfos.length !== 1) {
    return report(
      field,
      checksFailingAt('signature', 'expected exactly one signer'),
      {},
      pdf.length,
    );
  }
  const digest = checkDigest(signer, content);
  const certificate = signerCertificateOf(signed, signer);
  const signature = checkSignature(signer, certificate);
  const stamp = verifySignatureTimestamp(signer, trust.anchors);
  // Chain and revocation at the time the timestamp proves; without one, at verification time.
  const at = stamp.time ?? now;
  const chain = certificate
    ? buildChain(certificate, certificatesOf(signed), trust.anchors, at)
    : { ok: false, detail: "the signer's certificate is not in the signature", chain: [] };
  const embeddedCrls = (signed.crls ?? [])
    .filter(
      (c): c is pkijs.CertificateRevocationList => c instanceof pkijs.CertificateRevocationList,
    )
    .map((c) => bufferOf(c.toSchema().toBER(false)));
  const revocation = chain.ok
    ? await checkRevocation(chain.chain, [...embeddedCrls, ...trust.crls], at)
    : { outcome: 'failed' as const, detail: 'not checked: no trusted chain' };
  const checks: SignatureChecks = {
    byteRange: passed(
      field.signedEnd === pdf.length
        ? 'the range covers the whole file but /Contents'
        : 'the range covers the signed revision but /Contents',
    ),
    digest: digest.ok ? passed(digest.detail) : failed(digest.detail),
    signature: signature.ok ? passed(signature.detail) : failed(signature.detail),
    chain: chain.ok ? passed(chain.detail) : failed(chain.detail),
    revocation: { outcome: revocation.outcome, detail: revocation.detail },
    timestamp: { outcome: stamp.outcome, detail: stamp.detail },
    modifications: modificationsCheck,
  };
  return report(
    field,
    checks,
    {
      signer: certificate
        ? {
            subject: certificate.subject.replace(/\n/g, ', '),
            issuer: certificate.issuer.replace(/\n/g, ', '),
            serialNumber: certificate.serialNumber,
          }
        : null,
      timestampedAt: stamp.time?.toISOString() ?? null,
    },
    pdf.length,
  );
}

/**
 * Verifies every signature of a PDF (PAdES/CAdES detached and document timestamps): byte
 * range, digest, CMS signature, chain to the trust anchors, revocation data where present,
 * the signature timestamp, and what follows the signed revision.
 */
export async function verifyPdfSignatures(
  pdf: Buffer,
  trust: TrustSettings,
  now: Date,
): Promise<PdfVerification> {
  const fields = findSignatureFields(pdf);
  if (fields.length === 0) {
    return { verified: false, reason: 'the document carries no signature', signatures: [] };
  }
  const signatures: PdfSignatureReport[] = [];
  for (const field of fields) {
    signatures.push(await verifyField(pdf, field, trust, now));
  }
  const firstFailing = signatures.findIndex((s) => !s.verdict.verified);
  return {
    verified: firstFailing < 0,
    reason:
      firstFailing < 0
        ? null
        : `${signatures.length > 1 ? `signature ${firstFailing + 1}: ` : ''}${signatures[firstFailing].verdict.reason}`,
    signatures,
  };
}

/** Trust anchors from a PEM bundle (several certificates one after the other). */
export function certificatesFromPem(pem: string): X509Certificate[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map(
    (m) => new X509Certificate(m[0]),
  );
}
