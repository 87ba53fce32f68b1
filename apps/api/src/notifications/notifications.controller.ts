import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { NotificationService } from '@app/core';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { NumericIdParamDto } from '../escalations/escalation.dto';
import { MarkedCountDto, NotificationDto } from './notification.dto';

export class ListNotificationsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(NotificationService) private readonly notifications: NotificationService) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first' })
  @ApiOkResponse({ type: [NotificationDto] })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<NotificationDto[]> {
    const unread = query.unread === undefined ? null : query.unread === 'true';
    return this.notifications.list(user.id, unread);
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
