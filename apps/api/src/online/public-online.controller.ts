import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApplicationFilesService, OnlineSubmissionService } from '@app/core';
import { DomainError } from '@app/domain';
import { Public } from '../auth/auth.decorators';
import { PublicRateLimitGuard } from '../applications/public-rate-limit.guard';
import { ErrorResponseDto } from '../http/error-response';
import { ApiFileResponse } from '../openapi/api-file-response.decorator';
import {
  CitizenApplicationDto,
  OnlineProcedureDto,
  OnlineSubmissionDto,
  SubmitOnlineDto,
  SupplementUploadDto,
  UploadDto,
} from './dto/online.dto';
import { fileReply } from './file-reply';
import { UPLOAD_MEDIA_TYPES } from './upload-body';

const TOKEN_HEADER = 'x-citizen-token';
const tokenHeader = ApiHeader({
  name: TOKEN_HEADER,
  required: true,
  description: 'The accessToken answered at submission (also in the link of every e-mail)',
});
const notFound = ApiResponse({
  status: 404,
  type: ErrorResponseDto,
  description: 'Unknown code or wrong token (one answer for both)',
});

/** Online submission by citizens (toàn trình / một phần): no login, rate-limited. */
@ApiTags('online')
@Public()
@UseGuards(PublicRateLimitGuard)
@Controller('public')
export class PublicOnlineController {
  constructor(
    private readonly online: OnlineSubmissionService,
    private readonly files: ApplicationFilesService,
  ) {}

  @Get('online-procedures')
  @ApiOperation({ summary: 'Thủ tục nộp trực tuyến: phí, thời hạn, giấy tờ cần tải lên' })
  @ApiOkResponse({ type: [OnlineProcedureDto] })
  procedures(): Promise<OnlineProcedureDto[]> {
    return this.online.procedures();
  }

  @Post('uploads')
  @ApiOperation({
    summary: 'Tải lên một giấy tờ (PDF, JPEG, PNG), kiểm tra theo nội dung tệp',
    description:
      'The body is the file itself. Its type is read from its bytes, not its name or Content-Type; ' +
      'too large (UPLOAD_MAX_BYTES) or another type is refused (400 naming `file`, or 413).',
  })
  @ApiConsumes(...UPLOAD_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'name', required: false, description: 'The original file name (shown only)' })
  @ApiCreatedResponse({ type: UploadDto })
  @ApiResponse({ status: 413, type: ErrorResponseDto, description: 'Far above the size limit' })
  @ApiResponse({ status: 415, type: ErrorResponseDto, description: 'Not a file body' })
  upload(@Req() request: FastifyRequest, @Query('name') name?: string): Promise<UploadDto> {
    if (!Buffer.isBuffer(request.body)) {
      throw DomainError.validation(
        'file',
        `the body must be the file (${UPLOAD_MEDIA_TYPES.join(', ')})`,
      );
    }
    return this.files.upload(request.body, name);
  }

  @Post('online-applications')
  @ApiOperation({ summary: 'Nộp hồ sơ trực tuyến: trạng thái Mới đăng ký (mã 1)' })
  @ApiCreatedResponse({ type: OnlineSubmissionDto })
  submit(@Body() body: SubmitOnlineDto): Promise<OnlineSubmissionDto> {
    return this.online.submit(body);
  }

  @Get('online-applications/:code')
  @ApiOperation({ summary: 'Hồ sơ trực tuyến của công dân: trạng thái và giấy tờ đã nộp' })
  @tokenHeader
  @ApiOkResponse({ type: CitizenApplicationDto })
  @notFound
  view(
    @Param('code') code: string,
    @Headers(TOKEN_HEADER) token?: string,
  ): Promise<CitizenApplicationDto> {
    return this.online.citizenView(code, token);
  }

  @Get('online-applications/:code/files/:fileId')
  @ApiOperation({ summary: 'Tải về một giấy tờ của hồ sơ (chỉ chủ hồ sơ, có mã truy cập)' })
  @tokenHeader
  @ApiFileResponse('application/octet-stream', 'The file, with its checked media type')
  @notFound
  async file(
    @Param('code') code: string,
    @Param('fileId', new ParseUUIDPipe()) fileId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers(TOKEN_HEADER) token?: string,
  ): Promise<StreamableFile> {
    void reply.header('x-content-type-options', 'nosniff');
    return fileReply(await this.online.citizenFile(code, token, fileId));
  }

  @Post('online-applications/:code/supplement')
  @ApiOperation({ summary: 'Nộp bổ sung trực tuyến các giấy tờ được yêu cầu' })
  @tokenHeader
  @ApiCreatedResponse({ type: CitizenApplicationDto })
  @notFound
  @ApiResponse({
    status: 409,
    type: ErrorResponseDto,
    description: 'No supplement is requested now (current: the status)',
  })
  supplement(
    @Param('code') code: string,
    @Body() body: SupplementUploadDto,
    @Headers(TOKEN_HEADER) token?: string,
  ): Promise<CitizenApplicationDto> {
    return this.online.uploadSupplement(code, token, body.files);
  }
}
