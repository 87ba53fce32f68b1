import { Module } from '@nestjs/common';
import { EscalationQueryService, NotificationService } from '@app/core';
import { EscalationRepository, NotificationRepository, OutboxNotifications } from '@app/database';
import { StreamTicketService } from '../metrics/stream-ticket.service';
import { NotificationsStreamController } from './notifications-stream.controller';
import { NotificationsStreamHub } from './notifications-stream.hub';
import { NotificationsController } from './notifications.controller';

@Module({
  controllers: [NotificationsController, NotificationsStreamController],
  providers: [
    NotificationService,
    NotificationRepository,
    EscalationQueryService,
    EscalationRepository,
    // Its own LISTEN connection, on the notifications channel only.
    OutboxNotifications,
    NotificationsStreamHub,
    StreamTicketService,
  ],
})
export class NotificationsModule {}
