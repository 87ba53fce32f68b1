import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OnlineSubmissionRepository } from '@app/database';
import { OutboxEventMessage } from '@app/messaging';
import { createMailTransport } from '../notifications/mail-transport';
import { citizenMail } from './citizen-mail';

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

  async handle(message: OutboxEventMessage): Promise<CitizenMailOutcome> {
    const payload = message.payload;
    if (payload.channel !== 'online') {
      return 'not_online';
    }
    if (await this.online.wasMailed(message.eventId)) {
      return 'already_sent';
    }
    const target = await this.online.mailTarget(payload.applicationId);
    if (!target?.email) {
      return 'no_email';
    }
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
