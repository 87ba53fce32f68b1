import { Module } from '@nestjs/common';
import { OutboxNotifications, OutboxRepository } from '@app/database';
import { OutboxRelayService } from './outbox-relay.service';

/** The relay for the worker; needs QueuesModule and DatabaseModule in the app. */
@Module({
  providers: [OutboxRepository, OutboxNotifications, OutboxRelayService],
  exports: [OutboxRelayService, OutboxRepository],
})
export class OutboxRelayModule {}
