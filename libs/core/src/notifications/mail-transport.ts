import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig } from '@app/config';

/** The SMTP transport of SMTP_URL, with timeouts so a dead server never holds a job. */
export function createMailTransport(mail: AppConfig['mail']): Transporter {
  const url = new URL(mail.smtpUrl);
  return createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
