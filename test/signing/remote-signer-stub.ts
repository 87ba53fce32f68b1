import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { TestCertificate } from './test-pki';

// DigestInfo prefix of SHA-256 (RFC 8017 §9.2): the service wraps the hash it is given.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A stand-in for the national remote-signing service (wire format: remote-signing.wire.ts),
 * holding an RSA key. `mode`: answer at once, through a transaction confirmed after two
 * polls, or a transaction the signer rejects.
 */
export class RemoteSignerStub {
  mode: 'immediate' | 'confirm' | 'reject' = 'immediate';
  readonly calls: string[] = [];
  private server: Server | null = null;
  private readonly transactions = new Map<string, { polls: number; hash: Buffer }>();

  constructor(
    private readonly signer: TestCertificate,
    private readonly chain: TestCertificate[],
    private readonly token: string,
    private readonly credentialId: string,
  ) {}

  private signHash(hash: Buffer): string {
    const key = createPrivateKey(readFileSync(this.signer.keyPath));
    return privateEncrypt(
      { key, padding: constants.RSA_PKCS1_PADDING },
      Buffer.concat([SHA256_DIGEST_INFO, hash]),
    ).toString('base64');
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        this.calls.push(`${req.method} ${path}`);
        const reply = (status: number, body: unknown) =>
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (req.headers.authorization !== `Bearer ${this.token}`) {
          return reply(401, { error: 'invalid_token' });
        }
        const body = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>)
          : {};
        if (req.method === 'POST' && path === '/csc/v2/credentials/info') {
          if (body.credentialID !== this.credentialId) {
            return reply(400, {
              error: 'invalid_request',
              error_description: 'unknown credential',
            });
          }
          return reply(200, {
            cert: {
              status: 'valid',
              certificates: [this.signer, ...this.chain].map((c) => c.der.toString('base64')),
            },
          });
        }
        if (req.method === 'POST' && path === '/csc/v2/signatures/signHash') {
          const hash = Buffer.from((body.hashes as string[])[0], 'base64');
          if (this.mode === 'immediate') {
            return reply(200, { signatures: [this.signHash(hash)] });
          }
          const id = `tx-${this.transactions.size + 1}`;
          this.transactions.set(id, { polls: 0, hash });
          return reply(200, { transactionID: id });
        }
        const tx = /^\/csc\/v2\/signatures\/(.+)$/.exec(path);
        if (req.method === 'GET' && tx && this.transactions.has(tx[1])) {
          const state = this.transactions.get(tx[1])!;
          state.polls++;
          if (this.mode === 'reject') {
            return reply(200, { status: 'rejected', message: 'người ký từ chối' });
          }
          return state.polls < 2
            ? reply(200, { status: 'pending' })
            : reply(200, { status: 'completed', signatures: [this.signHash(state.hash)] });
        }
        return reply(404, { error: 'not_found' });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/csc/v2`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
