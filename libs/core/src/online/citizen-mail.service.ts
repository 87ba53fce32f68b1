import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@app/config';
import { MailTarget, OnlineSubmissionRepository } from '@app/database';
import { OutboxEventMessage } from '@app/messaging';
import { createMailTransport } from '../notifications/mail-transport';
import { citizenMail } from './citizen-mail';

/** Applicants mailed at once within a batch (each applicant's mails one after the other). */
const PARALLEL_APPLICANTS = 4;

export type CitizenMailOutcome = 'sent' | 'already_sent' | 'not_online' | 'no_email' | 'no_mail';

/**
 * Tells an online applicant by e-mail at each step (submitted, received, refused, supplement
 * requested, result ready, stopped). Idempotent by event id: a redelivered event mails once
 * (a crash between the send and its record may mail twice: at least once, never lost).
 */
@Injectable()
export class CitizenMailService implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(
    @Inject(OnlineSubmissionRepository) private readonly online: OnlineSubmissionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transport = createMailTransport(config.mail);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  /** One event's mail; throws when the send fails (the job retries). */
  async handle(message: OutboxEventMessage): Promise<CitizenMailOutcome> {
    const [outcome] = await this.handleBatch([message]);
    return outcome;
  }

  /**
   * A relay batch's mails (outbox route `batched`): which were sent already and where the others
   * go are read in one statement each, not two per event. An applicant's mails leave in event
   * order, a few applicants at once. Each sent mail is recorded as it leaves, and a failed send
   * stops only its applicant's later mails: the job then fails whole, and its retry sends only
   * what was not recorded, still in order. One outcome per message, in order.
   */
  async handleBatch(messages: readonly OutboxEventMessage[]): Promise<CitizenMailOutcome[]> {
    // By position: a batch may hold one event twice, and each place gets its own outcome.
    const outcomes = new Array<CitizenMailOutcome>(messages.length);
    const online: number[] = [];
    messages.forEach((m, i) => {
      if (m.payload.channel === 'online') {
        online.push(i);
      } else {
        outcomes[i] = 'not_online';
      }
    });
    const mailed = await this.online.mailedAmong([
      ...new Set(online.map((i) => messages[i].eventId)),
    ]);
    const pending = online.filter((i) => {
      if (mailed.has(messages[i].eventId)) {
        outcomes[i] = 'already_sent';
        return false;
      }
      return true;
    });
    const targets = await this.online.mailTargets([
      ...new Set(pending.map((i) => messages[i].payload.applicationId)),
    ]);
    const byApplication = new Map<string, number[]>();
    for (const i of pending) {
      const list = byApplication.get(messages[i].payload.applicationId) ?? [];
      list.push(i);
      byApplication.set(messages[i].payload.applicationId, list);
    }
    // Written by the sending lanes below.
    const failed: { notSent: number; first: string | null } = { notSent: 0, first: null };
    const sendAll = async (list: readonly number[]) => {
      const sentHere = new Set<string>(); // a repeated event id in one batch mails once
      for (const [position, i] of list.entries()) {
        const m = messages[i];
        try {
          outcomes[i] = sentHere.has(m.eventId)
            ? 'already_sent'
            : await this.send(m, targets.get(m.payload.applicationId));
          if (outcomes[i] === 'sent') {
            sentHere.add(m.eventId);
          }
        } catch (error) {
          // This applicant's later mails wait for the retry, so that they still leave in order.
          const notSent = list.slice(position).map((j) => messages[j].eventId);
          failed.notSent += new Set(notSent.filter((id) => !sentHere.has(id))).size;
          failed.first ??= `event ${m.eventId}: ${error instanceof Error ? error.message : String(error)}`;
          return;
        }
      }
    };
    await forEachLimited([...byApplication.values()], PARALLEL_APPLICANTS, sendAll);
    if (failed.first !== null) {
      const total = new Set(pending.map((i) => messages[i].eventId)).size;
      throw new Error(
        `${failed.notSent} of ${total} citizen mail(s) not sent (retried): ${failed.first}`,
      );
    }
    return outcomes;
  }

  private async send(
    message: OutboxEventMessage,
    target: MailTarget | undefined,
  ): Promise<CitizenMailOutcome> {
    if (!target?.email) {
      return 'no_email';
    }
    const payload = message.payload;
    const statusUrl = `${this.config.api.publicBaseUrl}/app/tra-cuu?code=${encodeURIComponent(target.code)}`;
    const mail = citizenMail(message.type, payload, target, statusUrl);
    if (!mail) {
      return 'no_mail';
    }
    await this.transport.sendMail({ from: this.config.mail.from, to: target.email, ...mail });
    await this.online.recordMail(message.eventId, payload.applicationId, message.type);
    return 'sent';
  }
}

/** Runs `work` on the items, at most `limit` at once. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      await work(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
