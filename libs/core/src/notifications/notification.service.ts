import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { NotificationRecord, NotificationRepository } from '@app/database';
import { Clock } from '../clock/clock';

/** The logged-in user's in-app notifications. */
@Injectable()
export class NotificationService {
  constructor(
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  list(userId: string, unread: boolean | null, limit?: number): Promise<NotificationRecord[]> {
    return this.notifications.list(userId, unread, limit);
  }

  countUnread(userId: string): Promise<number> {
    return this.notifications.countUnread(userId);
  }

  async markRead(userId: string, id: string): Promise<NotificationRecord> {
    const record = await this.notifications.markRead(id, userId, this.clock.now());
    if (!record) {
      throw DomainError.notFound('Notification', id); // another user's looks absent too
    }
    return record;
  }

  async markAllRead(userId: string): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(userId, this.clock.now()) };
  }
}
