import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApplicationQueryService, PublicStatusView } from '@app/core';
import { Public } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { PublicLookupQuery } from './dto/public-lookup.query';
import { PublicRateLimitGuard } from './public-rate-limit.guard';

/** The citizen's status page: no login, rate-limited, no personal data. */
@ApiTags('public')
@Public()
@UseGuards(PublicRateLimitGuard)
@Controller('public/applications')
export class PublicApplicationsController {
  constructor(private readonly queries: ApplicationQueryService) {}

  @Get(':code')
  @ApiOperation({ summary: 'Tra cứu tình trạng hồ sơ: mã hồ sơ và 4 số cuối điện thoại' })
  @ApiResponse({ status: 404, type: ErrorResponseDto })
  @ApiResponse({ status: 429, type: ErrorResponseDto })
  status(
    @Param('code') code: string,
    @Query() query: PublicLookupQuery,
  ): Promise<PublicStatusView> {
    return this.queries.publicStatus(code, query.phone);
  }
}
