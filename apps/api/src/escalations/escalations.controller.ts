import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { EscalationQueryService } from '@app/core';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { escalationReader } from './escalation-reader';
import { EscalationDto, ListEscalationsQueryDto, NumericIdParamDto } from './escalation.dto';

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('escalations')
export class EscalationsController {
  constructor(
    @Inject(EscalationQueryService) private readonly escalations: EscalationQueryService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Escalations I receive, newest first (directors, admins and the supervising office: all); page with ?after=<last id>',
  })
  @ApiOkResponse({ type: [EscalationDto] })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListEscalationsQueryDto,
  ): Promise<EscalationDto[]> {
    const acknowledged = query.acknowledged === undefined ? null : query.acknowledged === 'true';
    const rows = await this.escalations.list(escalationReader(user), {
      acknowledged,
      level: query.level ?? null,
      afterId: query.after ?? null,
      limit: query.limit ?? 500,
    });
    return rows.map((r) => EscalationDto.from(r));
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an escalation I receive' })
  @ApiOkResponse({ type: EscalationDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not a recipient' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already acknowledged' })
  async acknowledge(
    @CurrentUser() user: AuthUser,
    @Param() params: NumericIdParamDto,
  ): Promise<EscalationDto> {
    return EscalationDto.from(await this.escalations.acknowledge(user.id, params.id));
  }
}
