import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestCertificate } from './test-pki';

const run = promisify(execFile);

/**
 * A local RFC 3161 timestamp authority: `openssl ts -reply` behind a small HTTP server on
 * 127.0.0.1. Requests are answered one at a time (openssl keeps a serial file).
 */
export class LocalTsa {
  private server: Server | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly dir: string;
  requests = 0;
  /** When set, the server answers this HTTP status instead of a token. */
  failWith: number | null = null;

  constructor(tsa: TestCertificate, chain: TestCertificate[], workDir: string) {
    this.dir = mkdtempSync(join(workDir, 'tsa-'));
    writeFileSync(join(this.dir, 'serial'), '01\n');
    writeFileSync(
      join(this.dir, 'chain.pem'),
      chain.map((c) => readFileSync(c.certPath, 'utf8')).join(''),
    );
    writeFileSync(
      join(this.dir, 'tsa.cnf'),
      [
        '[ tsa ]',
        'default_tsa = tsa_config',
        '[ tsa_config ]',
        `serial = ${join(this.dir, 'serial')}`,
        'crypto_device = builtin',
        `signer_cert = ${tsa.certPath}`,
        `certs = ${join(this.dir, 'chain.pem')}`,
        `signer_key = ${tsa.keyPath}`,
        'signer_digest = sha256',
        'default_policy = 1.2.3.4.1',
        'digests = sha256, sha384, sha512',
        'accuracy = secs:1',
        'ordering = yes',
        'tsa_name = yes',
        'ess_cert_id_alg = sha256',
        '',
      ].join('\n'),
    );
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests++;
        if (this.failWith) {
          res.writeHead(this.failWith).end();
          return;
        }
        const n = this.requests;
        const job = this.queue.then(async () => {
          const query = join(this.dir, `q${n}.tsq`);
          const reply = join(this.dir, `r${n}.tsr`);
          writeFileSync(query, Buffer.concat(chunks));
          await run('openssl', [
            'ts',
            '-reply',
            '-config',
            join(this.dir, 'tsa.cnf'),
            '-queryfile',
            query,
            '-out',
            reply,
          ]);
          return readFileSync(reply);
        });
        this.queue = job.catch(() => undefined);
        job.then(
          (body) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body),
          () => res.writeHead(500).end(),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/tsa`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
