import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SatisfactionRatingService } from '@app/core';
import { Public } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { PublicLookupDto } from './dto/public-lookup.dto';
import { PublicRatingDto, PublicStatusDto } from './dto/public-status.dto';
import { RateApplicationDto } from './dto/rate-application.dto';
import { PublicRateLimitGuard } from './public-rate-limit.guard';

/** The citizen's status page: no login, rate-limited, no personal data. */
@ApiTags('public')
@Public()
@UseGuards(PublicRateLimitGuard)
@Controller('public/applications')
export class PublicApplicationsController {
  constructor(private readonly ratings: SatisfactionRatingService) {}

  @Post('lookup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tra cứu tình trạng hồ sơ: mã hồ sơ và 4 số cuối điện thoại' })
  @ApiOkResponse({ type: PublicStatusDto })
  @ApiResponse({
    status: 404,
    type: ErrorResponseDto,
    description: 'Unknown code, or the phone digits do not match (one answer for both)',
  })
  @ApiResponse({
    status: 429,
    type: ErrorResponseDto,
    description:
      'Too many look-ups from this address, or this code is locked after wrong tries: the message says when to retry (Vietnamese), Retry-After in seconds, current: {retryAt, retryAfterSeconds}',
  })
  status(@Body() body: PublicLookupDto): Promise<PublicStatusDto> {
    return this.ratings.publicStatus(body.code, body.phone);
  }

  @Post('rating')
  @ApiOperation({
    summary: 'Đánh giá mức độ hài lòng (K8): một lần, sau khi hồ sơ đã trả kết quả',
  })
  @ApiCreatedResponse({ type: PublicRatingDto })
  @ApiResponse({ status: 400, type: ErrorResponseDto, description: 'A field is named in details' })
  @ApiResponse({ status: 404, type: ErrorResponseDto, description: 'Same answer as the look-up' })
  @ApiResponse({
    status: 409,
    type: ErrorResponseDto,
    description:
      'ILLEGAL_TRANSITION: result not returned yet (current: the status); DUPLICATE: already rated (current: the rating)',
  })
  @ApiResponse({
    status: 429,
    type: ErrorResponseDto,
    description: 'As for the look-up: the code and the address share its limits',
  })
  rate(@Body() body: RateApplicationDto): Promise<PublicRatingDto> {
    return this.ratings.rate(body.code, body.phone, { score: body.score, comment: body.comment });
  }
}
