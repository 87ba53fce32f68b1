import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { EscalationQueryService, NotificationService } from '@app/core';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { NumericIdParamDto } from '../escalations/escalation.dto';
import { escalationReader } from '../escalations/escalation-reader';
import { queryInt } from '../http/query-params';
import { InboxCountsDto, MarkedCountDto, NotificationDto } from './notification.dto';

export class ListNotificationsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 500 })
  @IsOptional()
  @Transform(queryInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(EscalationQueryService) private readonly escalations: EscalationQueryService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first' })
  @ApiOkResponse({ type: [NotificationDto] })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<NotificationDto[]> {
    const unread = query.unread === undefined ? null : query.unread === 'true';
    return this.notifications.list(user.id, unread, query.limit);
  }

  @Get('counts')
  @ApiOperation({ summary: 'How many of my notifications are unread, and escalations open' })
  @ApiOkResponse({ type: InboxCountsDto })
  async counts(@CurrentUser() user: AuthUser): Promise<InboxCountsDto> {
    const [unreadNotifications, openEscalations] = await Promise.all([
      this.notifications.countUnread(user.id),
      this.escalations.countOpen(escalationReader(user)),
    ]);
    return { unreadNotifications, openEscalations };
  }

  // Declared before ':id/read' so 'read-all' is never taken for an id.
  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiOkResponse({ type: MarkedCountDto })
  markAllRead(@CurrentUser() user: AuthUser): Promise<MarkedCountDto> {
    return this.notifications.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such notification of mine' })
  markRead(
    @CurrentUser() user: AuthUser,
    @Param() params: NumericIdParamDto,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(user.id, params.id);
  }
}
