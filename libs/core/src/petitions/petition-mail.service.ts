import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PetitionMailRepository } from '@app/database';
import { PetitionEventMessage } from '@app/messaging';
import { createMailTransport } from '../notifications/mail-transport';
import { petitionMail } from './petition-mail';

export type PetitionMailOutcome = 'sent' | 'already_sent' | 'no_email' | 'no_mail';

/**
 * Tells a petitioner by e-mail when their PAKN is not accepted, needs clarification, is
 * forwarded, answered or published. Fed by the outbox (written with the step), idempotent by
 * event id like the applicants' e-mails: at least once, never lost; a send that fails is
 * retried by the job.
 */
@Injectable()
export class PetitionMailService implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(
    @Inject(PetitionMailRepository) private readonly mails: PetitionMailRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transport = createMailTransport(config.mail);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  async handle(message: PetitionEventMessage): Promise<PetitionMailOutcome> {
    if (await this.mails.wasMailed(message.eventId)) {
      return 'already_sent';
    }
    const target = await this.mails.mailTarget(message.payload.petitionId);
    if (!target?.email) {
      return 'no_email';
    }
    const mail = petitionMail(message.type, message.payload, target);
    if (!mail) {
      return 'no_mail';
    }
    await this.transport.sendMail({ from: this.config.mail.from, to: target.email, ...mail });
    await this.mails.recordMail(message.eventId, message.payload.petitionId, message.type);
    return 'sent';
  }
}
