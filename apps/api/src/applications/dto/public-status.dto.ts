import { ApiProperty } from '@nestjs/swagger';
import type { PublicRatingView, PublicStatusWithRatingView } from '@app/core';
import { ApplicationStatus } from '@app/domain';

/** A citizen's rating as the public page shows it. */
export class PublicRatingDto implements PublicRatingView {
  @ApiProperty({ type: 'integer', example: 5 }) score: number;
  @ApiProperty({ format: 'date-time' }) ratedAt: string;
}

export class RatingScaleDto {
  @ApiProperty({ type: 'integer', example: 1 }) min: number;
  @ApiProperty({ type: 'integer', example: 5 }) max: number;
}

/** What the status page shows: no personal data. */
export class PublicStatusDto implements PublicStatusWithRatingView {
  @ApiProperty({ example: '000.00.12.H00-260302-0001' }) code: string;
  @ApiProperty() procedureName: string;
  @ApiProperty({ enum: ApplicationStatus }) status: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'DVCQG status code (1–10); null when the status has none (incomplete_at_desk)',
  })
  portalStatusCode: number | null;
  @ApiProperty({ example: 'Đang giải quyết' }) statusLabel: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) receivedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  appointmentAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resultReadyAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) returnedAt: string | null;
  @ApiProperty({ description: 'The result was returned and no rating was given yet' })
  canRate: boolean;
  @ApiProperty({ type: PublicRatingDto, nullable: true }) rating: PublicRatingDto | null;
  @ApiProperty({ type: RatingScaleDto, description: 'The scores the API accepts' })
  ratingScale: RatingScaleDto;
}
