import { Module } from '@nestjs/common';
import { SatisfactionRatingListService } from '@app/core';
import { SatisfactionRatingRepository } from '@app/database';
import { RatingsController } from './ratings.controller';

@Module({
  controllers: [RatingsController],
  providers: [SatisfactionRatingListService, SatisfactionRatingRepository],
})
export class RatingsModule {}
