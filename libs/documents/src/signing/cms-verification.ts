import { createHash, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { signedAttributesDer } from './cades-signature';
import { DIGEST_OF_OID, OID } from './oids';
import { arrayBufferOf, bufferOf, ensurePkijsEngine } from './pkijs-engine';

export interface Outcome {
  ok: boolean;
  detail: string;
}

/** The length of the DER element at the start of `bytes` (the /Contents padding is cut off). */
function derLength(bytes: Buffer): number {
  if (bytes.length < 2) {
    return bytes.length;
  }
  const first = bytes[1];
  if (first < 0x80) {
    return 2 + first;
  }
  const n = first & 0x7f;
  let length = 0;
  for (let i = 0; i < n; i++) {
    length = length * 256 + bytes[2 + i];
  }
  return Math.min(bytes.length, 2 + n + length);
}

/** A CMS ContentInfo holding SignedData, from DER; throws when it is not one. */
export function parseSignedContentInfo(der: Buffer): pkijs.ContentInfo {
  ensurePkijsEngine();
  const info = pkijs.ContentInfo.fromBER(arrayBufferOf(der.subarray(0, derLength(der))));
  if (info.contentType !== OID.signedData) {
    throw new Error(`CMS content type ${info.contentType} is not SignedData`);
  }
  return info;
}

export function parseSignedData(der: Buffer): pkijs.SignedData {
  return new pkijs.SignedData({ schema: parseSignedContentInfo(der).content });
}

export function certificatesOf(signed: pkijs.SignedData): X509Certificate[] {
  return (signed.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => new X509Certificate(bufferOf(c.toSchema().toBER(false))));
}

/** The certificate the SignerInfo names (issuer and serial number) among those carried. */
export function signerCertificateOf(
  signed: pkijs.SignedData,
  signer: pkijs.SignerInfo,
): X509Certificate | null {
  if (!(signer.sid instanceof pkijs.IssuerAndSerialNumber)) {
    return null;
  }
  const sid = signer.sid;
  const match = (signed.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate &&
      c.issuer.isEqual(sid.issuer) &&
      c.serialNumber.isEqual(sid.serialNumber),
  );
  return match ? new X509Certificate(bufferOf(match.toSchema().toBER(false))) : null;
}

function attribute(signer: pkijs.SignerInfo, type: string): asn1js.AsnType | null {
  return signer.signedAttrs?.attributes.find((a) => a.type === type)?.values[0] ?? null;
}

/** The messageDigest signed attribute equals the digest of `content`. */
export function checkDigest(signer: pkijs.SignerInfo, content: Buffer): Outcome {
  const algorithm = DIGEST_OF_OID[signer.digestAlgorithm.algorithmId];
  if (!algorithm) {
    return {
      ok: false,
      detail: `unsupported digest algorithm ${signer.digestAlgorithm.algorithmId}`,
    };
  }
  const claimed = attribute(signer, OID.messageDigest);
  if (!(claimed instanceof asn1js.OctetString)) {
    return { ok: false, detail: 'the signature has no message-digest attribute' };
  }
  const actual = createHash(algorithm).update(content).digest();
  return bufferOf(claimed.valueBlock.valueHexView).equals(actual)
    ? { ok: true, detail: `${algorithm} of the signed bytes matches` }
    : { ok: false, detail: 'the document was changed: its digest differs from the signed one' };
}

const RSA = new Set<string>([
  OID.rsaEncryption,
  OID.sha256WithRsa,
  OID.sha384WithRsa,
  OID.sha512WithRsa,
]);
const ECDSA = new Set<string>([OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512]);

/** The signature over the signed attributes verifies with `certificate`'s key. */
export function checkSignature(
  signer: pkijs.SignerInfo,
  certificate: X509Certificate | null,
): Outcome {
  if (!certificate) {
    return { ok: false, detail: "the signer's certificate is not in the signature" };
  }
  if (!signer.signedAttrs) {
    return { ok: false, detail: 'the signature has no signed attributes' };
  }
  const algorithm = DIGEST_OF_OID[signer.digestAlgorithm.algorithmId];
  const scheme = signer.signatureAlgorithm.algorithmId;
  if (!algorithm || !(RSA.has(scheme) || ECDSA.has(scheme))) {
    return { ok: false, detail: `unsupported signature algorithm ${scheme}` };
  }
  const value = bufferOf(signer.signature.valueBlock.valueHexView);
  let valid = false;
  try {
    valid = verify(
      algorithm,
      signedAttributesDer(signer.signedAttrs),
      { key: certificate.publicKey, dsaEncoding: 'der' },
      value,
    );
  } catch {
    valid = false;
  }
  if (!valid) {
    return { ok: false, detail: "the CMS signature does not verify with the signer's key" };
  }
  const binding = attribute(signer, OID.signingCertificateV2);
  if (binding) {
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, ... }
    const first = ((binding as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence)?.valueBlock
      .value[0] as asn1js.Sequence | undefined;
    const parts = first?.valueBlock.value ?? [];
    const explicitAlgorithm = parts[0] instanceof asn1js.Sequence ? parts[0] : null;
    const hashOid = explicitAlgorithm
      ? (explicitAlgorithm.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()
      : OID.sha256;
    const hash = parts.find((p): p is asn1js.OctetString => p instanceof asn1js.OctetString);
    const digest = DIGEST_OF_OID[hashOid];
    if (
      !hash ||
      !digest ||
      !bufferOf(hash.valueBlock.valueHexView).equals(
        createHash(digest).update(certificate.raw).digest(),
      )
    ) {
      return { ok: false, detail: "signing-certificate-v2 does not name the signer's certificate" };
    }
  }
  return { ok: true, detail: `signed by ${certificate.subject.replace(/\n/g, ', ')}` };
}
