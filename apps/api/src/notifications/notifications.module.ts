import { Module } from '@nestjs/common';
import { NotificationService } from '@app/core';
import { NotificationRepository } from '@app/database';
import { NotificationsController } from './notifications.controller';

@Module({
  controllers: [NotificationsController],
  providers: [NotificationService, NotificationRepository],
})
export class NotificationsModule {}
