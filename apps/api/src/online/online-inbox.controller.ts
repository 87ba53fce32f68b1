import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApplicationFilesService, Clock, OnlineSubmissionService } from '@app/core';
import { Role } from '@app/domain';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { ApiFileResponse } from '../openapi/api-file-response.decorator';
import { FileDto, InboxItemDto } from './dto/online.dto';
import { fileReply } from './file-reply';

const INBOX_LIMIT = 500;

/** The desk's online inbox and the files kept with an application. */
@ApiTags('online')
@ApiBearerAuth()
@Controller()
export class OnlineInboxController {
  constructor(
    private readonly online: OnlineSubmissionService,
    private readonly files: ApplicationFilesService,
    private readonly clock: Clock,
  ) {}

  @Get('online-inbox')
  @Roles(Role.Reception, Role.Admin, Role.Director, Role.Supervisor)
  @ApiOperation({
    summary: 'Hồ sơ nộp trực tuyến chờ tiếp nhận, theo hạn kiểm tra',
    description:
      'Accept with POST /applications/{id}/receive, refuse with POST /applications/{id}/refuse {reasons}. ' +
      '`checkOverdue`: not checked within ONLINE_CHECK_WORKING_DAYS.',
  })
  @ApiOkResponse({ type: [InboxItemDto] })
  async inbox(): Promise<InboxItemDto[]> {
    const now = this.clock.now().getTime();
    return (await this.online.inbox(INBOX_LIMIT)).map((r) => ({
      ...r,
      submittedAt: new Date(r.submittedAt).toISOString(),
      checkDueAt: r.checkDueAt ? new Date(r.checkDueAt).toISOString() : null,
      checkOverdue: r.checkDueAt !== null && new Date(r.checkDueAt).getTime() < now,
      checkEscalatedAt: r.checkEscalatedAt ? new Date(r.checkEscalatedAt).toISOString() : null,
    }));
  }

  @Get('applications/:idOrCode/files')
  @ApiOperation({ summary: 'Giấy tờ điện tử đã nộp của hồ sơ (nộp trực tuyến và bổ sung)' })
  @ApiOkResponse({ type: [FileDto] })
  @ApiResponse({ status: 403, type: ErrorResponseDto, description: 'Another department' })
  @ApiResponse({ status: 404, type: ErrorResponseDto })
  list(@Param('idOrCode') idOrCode: string, @CurrentUser() user: AuthUser): Promise<FileDto[]> {
    return this.files.listForStaff(idOrCode, user);
  }

  @Get('applications/:idOrCode/files/:fileId')
  @ApiOperation({ summary: 'Tải về một giấy tờ điện tử của hồ sơ' })
  @ApiFileResponse('application/octet-stream', 'The file, with its checked media type')
  @ApiResponse({ status: 403, type: ErrorResponseDto, description: 'Another department' })
  @ApiResponse({ status: 404, type: ErrorResponseDto })
  async download(
    @Param('idOrCode') idOrCode: string,
    @Param('fileId', new ParseUUIDPipe()) fileId: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    void reply.header('x-content-type-options', 'nosniff');
    return fileReply(await this.files.readForStaff(idOrCode, fileId, user));
  }
}
