import { ApiProperty } from '@nestjs/swagger';
import type { Page, RatingListItem } from '@app/core';
import { Channel } from '@app/domain';

/** A rating as RatingListItem (libs/core) has it. */
export class RatingDto implements RatingListItem {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: '000.27.12.H00-261120-0571' }) applicationCode: string;
  @ApiProperty({ example: '1.005092' }) procedureCode: string;
  @ApiProperty() procedureName: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ enum: Channel }) channel: string;
  @ApiProperty({ type: 'integer', example: 2 }) score: number;
  @ApiProperty({ description: 'score ≤ RATING_NEGATIVE_AT_MOST (K8)' }) negative: boolean;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) ratedAt: string;
}

export class RatingPageDto implements Page<RatingDto> {
  @ApiProperty({ type: [RatingDto] }) items: RatingDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page' })
  nextCursor: string | null;
}
