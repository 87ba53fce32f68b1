import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  subject: string;
  /** The raw message with quoted-printable soft line breaks removed. */
  raw: string;
}

function qDecode(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '_') {
      bytes.push(32);
    } else if (text[i] === '=') {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=) of a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qDecode(text),
    );
}

/** A real SMTP server on 127.0.0.1 (random port) that keeps every message it receives. */
export async function startSmtpSink() {
  const mails: CapturedMail[] = [];
  const state = { reject: false, rejected: new Set<string>() };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refuse = state.reject || state.rejected.has(address.address);
      callback(refuse ? new Error('mailbox unavailable (test)') : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const message = Buffer.concat(chunks).toString('utf8');
        const header = message.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
        const raw = message.replace(/=\r?\n/g, '');
        const subject = /^Subject: (.*)$/im.exec(header)?.[1] ?? '';
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeHeader(subject),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** While true, every recipient is refused (the send fails). */
    setRejecting(reject: boolean) {
      state.reject = reject;
    },
    /** These recipients are refused until the set changes (the sends to them fail). */
    setRejected(addresses: readonly string[]) {
      state.rejected = new Set(addresses);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
