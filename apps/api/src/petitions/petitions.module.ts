import { Module } from '@nestjs/common';
import { PublicRateLimitGuard } from '../applications/public-rate-limit.guard';
import { PetitionsController, PublicPetitionsController } from './petitions.controller';

@Module({
  controllers: [PetitionsController, PublicPetitionsController],
  providers: [PublicRateLimitGuard],
})
export class PetitionsModule {}
