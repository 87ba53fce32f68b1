import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { atLocalTime, isWithinOfficeHours, toLocalDate } from '@app/domain';
import { NotificationRepository, WorkingCalendarService } from '@app/database';
import type { Transporter } from 'nodemailer';
import { Clock } from '../clock/clock';
import { DIGEST_LISTED_ITEMS, digestMail } from './digest-mail';
import { createMailTransport } from './mail-transport';

export interface DigestResult {
  /** false: outside office hours, or another replica holds the digest lock. */
  ran: boolean;
  /** Digests (e-mails) sent, and the notifications they listed. */
  sent: number;
  items: number;
  /** Recipients skipped because they reached today's cap. */
  capped: number;
  /** Sends that failed: their items stay unsent for the next run. */
  failed: number;
}

const NOTHING = { sent: 0, items: 0, capped: 0, failed: 0 };

/**
 * Sends each recipient ONE e-mail about every notification not e-mailed yet (the oldest
 * DIGEST_LISTED_ITEMS listed, the rest counted: the inbox has them all), in office
 * hours on working days only, at most `mail.dailyCapPerRecipient` digests a day. Per
 * recipient: send, then mark the items and record the digest in the transaction that holds
 * the digest lock; a failed send marks nothing, so the next run retries.
 */
@Injectable()
export class EmailDigestService implements OnModuleDestroy {
  private readonly logger = new Logger(EmailDigestService.name);
  private readonly transport: Transporter;

  constructor(
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transport = createMailTransport(config.mail);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  async run(): Promise<DigestResult> {
    const now = this.clock.now();
    const calendar = await this.calendars.current();
    const { officeHours } = this.calendars.deadlinePolicy();
    if (!isWithinOfficeHours(now, calendar, officeHours)) {
      return { ran: false, ...NOTHING }; // items wait for office hours
    }
    const startOfDay = atLocalTime(toLocalDate(now), 0);
    const cap = this.config.mail.dailyCapPerRecipient;
    const outcome = await this.notifications.withDigestLock(async (scope) => {
      const result = { ...NOTHING };
      const pending = await this.notifications.pendingDigests(
        scope,
        startOfDay,
        DIGEST_LISTED_ITEMS,
      );
      for (const digest of pending) {
        if (digest.sentSince >= cap) {
          result.capped += 1;
          continue;
        }
        const mail = digestMail(digest);
        try {
          await this.transport.sendMail({ from: this.config.mail.from, to: digest.email, ...mail });
        } catch (error) {
          result.failed += 1;
          this.logger.warn(`digest to user ${digest.userId} not sent: ${(error as Error).message}`);
          continue;
        }
        result.items += await this.notifications.markEmailed(
          scope,
          digest.userId,
          digest.throughId,
          now,
        );
        result.sent += 1;
      }
      return result;
    });
    return outcome.locked ? { ran: true, ...outcome.result } : { ran: false, ...NOTHING };
  }
}
