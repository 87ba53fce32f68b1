import { createHash, X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import { buildChain } from './certificate-chain';
import {
  certificatesOf,
  checkDigest,
  checkSignature,
  signerCertificateOf,
} from './cms-verification';
import { DIGEST_OF_OID, OID } from './oids';
import { bufferOf } from './pkijs-engine';
import { octetsOf, tstInfoOf } from './timestamp-client';

export interface TimestampOutcome {
  outcome: 'passed' | 'failed' | 'not_present';
  detail: string;
  /** The time the authority attests (genTime), when the token verified. */
  time: Date | null;
}

/**
 * An RFC 3161 token over `data`: the imprint matches, the authority's CMS signature verifies,
 * its certificate is for timestamping and chains to a trust anchor at the attested time.
 */
export function verifyTimestampToken(
  token: pkijs.ContentInfo,
  data: Buffer,
  anchors: X509Certificate[],
): TimestampOutcome {
  let info: pkijs.TSTInfo;
  let signed: pkijs.SignedData;
  try {
    signed = new pkijs.SignedData({ schema: token.content });
    info = tstInfoOf(token);
  } catch (error) {
    return {
      outcome: 'failed',
      detail: `unreadable timestamp: ${(error as Error).message}`,
      time: null,
    };
  }
  const algorithm = DIGEST_OF_OID[info.messageImprint.hashAlgorithm.algorithmId];
  const imprint = bufferOf(info.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (!algorithm || !imprint.equals(createHash(algorithm).update(data).digest())) {
    return { outcome: 'failed', detail: 'the timestamp is not for this signature', time: null };
  }
  const signer = signed.signerInfos[0];
  if (!signer || !signed.encapContentInfo.eContent) {
    return { outcome: 'failed', detail: 'the timestamp token is not signed', time: null };
  }
  const digest = checkDigest(signer, bufferOf(octetsOf(signed.encapContentInfo.eContent)));
  if (!digest.ok) {
    return { outcome: 'failed', detail: `timestamp token: ${digest.detail}`, time: null };
  }
  const authority = signerCertificateOf(signed, signer);
  const signature = checkSignature(signer, authority);
  if (!signature.ok || !authority) {
    return { outcome: 'failed', detail: `timestamp token: ${signature.detail}`, time: null };
  }
  if (!(authority.keyUsage ?? []).includes(OID.timeStamping)) {
    return {
      outcome: 'failed',
      detail: 'the timestamp authority certificate is not for timestamping',
      time: null,
    };
  }
  const chain = buildChain(authority, certificatesOf(signed), anchors, info.genTime);
  if (!chain.ok) {
    return { outcome: 'failed', detail: `timestamp authority: ${chain.detail}`, time: null };
  }
  return {
    outcome: 'passed',
    detail: `timestamped ${info.genTime.toISOString()} by ${/(?:^|\n| \+ )CN=(.*?)(?= \+ |\n|$)/.exec(authority.subject)?.[1] ?? authority.subject}`,
    time: info.genTime,
  };
}

/** The signature-time-stamp unsigned attribute of a SignerInfo, verified over its signature. */
export function verifySignatureTimestamp(
  signer: pkijs.SignerInfo,
  anchors: X509Certificate[],
): TimestampOutcome {
  const attribute = signer.unsignedAttrs?.attributes.find(
    (a) => a.type === OID.signatureTimeStampToken,
  );
  if (!attribute) {
    return { outcome: 'not_present', detail: 'no signature timestamp', time: null };
  }
  let token: pkijs.ContentInfo;
  try {
    token = new pkijs.ContentInfo({ schema: attribute.values[0] });
  } catch {
    return { outcome: 'failed', detail: 'unreadable timestamp token', time: null };
  }
  return verifyTimestampToken(token, bufferOf(signer.signature.valueBlock.valueHexView), anchors);
}
