import { Module } from '@nestjs/common';
import { PublicRateLimitGuard } from '../applications/public-rate-limit.guard';
import { OnlineInboxController } from './online-inbox.controller';
import { PublicOnlineController } from './public-online.controller';

@Module({
  controllers: [PublicOnlineController, OnlineInboxController],
  providers: [PublicRateLimitGuard],
})
export class OnlineModule {}
