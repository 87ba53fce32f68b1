import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './oids';
import { arrayBufferOf, bufferOf, ensurePkijsEngine } from './pkijs-engine';
import { SigningError } from './signing-error';

/**
 * An RFC 3161 timestamp authority over HTTP (`application/timestamp-query`). Configured by
 * TSA_URL; without it signatures carry no timestamp (PAdES B-B rather than B-T).
 */
export class TimestampClient {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  /** A timestamp token (CMS ContentInfo, DER) over the SHA-256 of `data`. */
  async timestamp(data: Buffer): Promise<Buffer> {
    ensurePkijsEngine();
    const imprint = createHash('sha256').update(data).digest();
    const nonce = randomBytes(8);
    nonce[0] = (nonce[0] % 0x7f) + 1; // a positive INTEGER in minimal form
    const request = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: arrayBufferOf(imprint) }),
      }),
      nonce: new asn1js.Integer({ valueHex: arrayBufferOf(nonce) }),
      certReq: true,
    });
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query' },
        body: bufferOf(request.toSchema().toBER(false)),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new SigningError(`timestamp authority unreachable: ${(error as Error).message}`, true);
    }
    if (!response.ok) {
      throw new SigningError(
        `timestamp authority answered ${response.status}`,
        response.status >= 500,
      );
    }
    let answer: pkijs.TimeStampResp;
    try {
      answer = pkijs.TimeStampResp.fromBER(await response.arrayBuffer());
    } catch {
      throw new SigningError('timestamp authority: unreadable answer', false);
    }
    // PKIStatus: 0 granted, 1 granted with modifications; anything else is a refusal.
    const status = Number(answer.status.status);
    if ((status !== 0 && status !== 1) || !answer.timeStampToken) {
      throw new SigningError(`timestamp authority refused (status ${status})`, false);
    }
    const token = answer.timeStampToken;
    const info = tstInfoOf(token);
    if (!bufferOf(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(imprint)) {
      throw new SigningError('timestamp authority: the token is for another imprint', false);
    }
    if (!info.nonce || !bufferOf(info.nonce.valueBlock.valueHexView).equals(nonce)) {
      throw new SigningError('timestamp authority: the nonce does not match', false);
    }
    return bufferOf(token.toSchema().toBER(false));
  }
}

/** The TSTInfo inside a timestamp token (RFC 3161 §2.4.2). */
export function tstInfoOf(token: pkijs.ContentInfo): pkijs.TSTInfo {
  const signed = new pkijs.SignedData({ schema: token.content });
  const content = signed.encapContentInfo.eContent;
  if (!content || signed.encapContentInfo.eContentType !== OID.tstInfo) {
    throw new Error('not a timestamp token');
  }
  return pkijs.TSTInfo.fromBER(arrayBufferOf(octetsOf(content)));
}

/** The bytes of an OCTET STRING, also when BER splits it into a constructed string. */
export function octetsOf(octets: asn1js.OctetString): Uint8Array {
  if (!octets.idBlock.isConstructed) {
    return octets.valueBlock.valueHexView;
  }
  const parts = (octets.valueBlock.value as asn1js.OctetString[]).map((p) => octetsOf(p));
  return Buffer.concat(parts);
}
