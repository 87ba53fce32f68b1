import { createHash, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './oids';
import { arrayBufferOf, bufferOf, ensurePkijsEngine } from './pkijs-engine';
import { SigningKey } from './signing-key';
import { TimestampClient } from './timestamp-client';

export interface CadesOptions {
  key: SigningKey;
  /** When configured (TSA_URL): a signature timestamp (PAdES B-T). */
  timestamps?: TimestampClient | null;
  /** Revocation data to embed (DER CRLs), so a verifier can check the chain offline. */
  crls?: Buffer[];
}

/** The DER that is signed: the signed attributes as a SET (RFC 5652 §5.4), not as [0]. */
export function signedAttributesDer(attributes: pkijs.SignedAndUnsignedAttributes): Buffer {
  const raw =
    attributes.encodedValue.byteLength > 0
      ? bufferOf(attributes.encodedValue)
      : bufferOf(attributes.toSchema().toBER(false));
  const der = Buffer.from(raw);
  der[0] = 0x31;
  return der;
}

/**
 * A detached CAdES signature (PAdES: SubFilter ETSI.CAdES.detached) over `content`: signed
 * attributes content-type, message-digest and signing-certificate-v2 (no signing-time: PAdES
 * takes the time from the signature dictionary or the timestamp), the chain, optional CRLs
 * and, with a timestamp authority, a signature-time-stamp over the signature value.
 */
export async function buildCadesSignature(content: Buffer, options: CadesOptions): Promise<Buffer> {
  ensurePkijsEngine();
  const chain = await options.key.certificates();
  const certificates = chain.map((der) => pkijs.Certificate.fromBER(arrayBufferOf(der)));
  const leaf = certificates[0];
  const ec = new X509Certificate(chain[0]).publicKey.asymmetricKeyType === 'ec';
  const digest = createHash('sha256').update(content).digest();
  const certHash = createHash('sha256').update(chain[0]).digest();

  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({
        type: OID.contentType,
        values: [new asn1js.ObjectIdentifier({ value: OID.data })],
      }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: arrayBufferOf(digest) })],
      }),
      // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with
      // the default hash (SHA-256) omitted: SEQUENCE { certHash OCTET STRING }.
      new pkijs.Attribute({
        type: OID.signingCertificateV2,
        values: [
          new asn1js.Sequence({
            value: [
              new asn1js.Sequence({
                value: [
                  new asn1js.Sequence({
                    value: [new asn1js.OctetString({ valueHex: arrayBufferOf(certHash) })],
                  }),
                ],
              }),
            ],
          }),
        ],
      }),
    ],
  });
  const signature = await options.key.sign(signedAttributesDer(signedAttrs));

  let unsignedAttrs: pkijs.SignedAndUnsignedAttributes | undefined;
  if (options.timestamps) {
    const token = await options.timestamps.timestamp(signature);
    unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [
        new pkijs.Attribute({
          type: OID.signatureTimeStampToken,
          values: [asn1js.fromBER(arrayBufferOf(token)).result],
        }),
      ],
    });
  }

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: ec
      ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 })
      : new pkijs.AlgorithmIdentifier({
          algorithmId: OID.rsaEncryption,
          algorithmParams: new asn1js.Null(),
        }),
    signature: new asn1js.OctetString({ valueHex: arrayBufferOf(signature) }),
    // pkijs tells "absent" from "present" by the key, not by its value.
    ...(unsignedAttrs ? { unsignedAttrs } : {}),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates,
    crls: options.crls?.length
      ? options.crls.map((der) => pkijs.CertificateRevocationList.fromBER(arrayBufferOf(der)))
      : undefined,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return bufferOf(contentInfo.toSchema().toBER(false));
}
