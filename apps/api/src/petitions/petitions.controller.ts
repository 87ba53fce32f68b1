import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseEnumPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { PetitionService, PetitionView } from '@app/core';
import { PetitionAction, PetitionStatus, Role } from '@app/domain';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public, Roles } from '../auth/auth.decorators';
import { PublicRateLimitGuard } from '../applications/public-rate-limit.guard';
import { ErrorResponseDto } from '../http/error-response';
import {
  DeskPetitionDto,
  PetitionActionDto,
  PetitionDto,
  PublicPetitionDto,
  PublicPetitionReceiptDto,
  PublishedPetitionDto,
} from './petition.dto';

const LIST_LIMIT = 200;
const STAFF = [Role.Reception, Role.Admin, Role.Director, Role.Head, Role.Supervisor];
const ACTORS = [Role.Reception, Role.Admin, Role.Director, Role.Head];

const dto = (v: PetitionView): PetitionDto => v;

/** PAKN at the desk and in the department: intake by phone, post, in person; the lifecycle. */
@ApiTags('petitions')
@ApiBearerAuth()
@Controller('petitions')
export class PetitionsController {
  constructor(private readonly petitions: PetitionService) {}

  @Post()
  @Roles(Role.Reception, Role.Admin)
  @ApiOperation({
    summary: 'Ghi nhận phản ánh, kiến nghị tại Bộ phận Một cửa (trực tiếp, điện thoại, bưu chính)',
  })
  @ApiCreatedResponse({ type: PetitionDto })
  async create(@Body() body: DeskPetitionDto, @CurrentUser() user: AuthUser): Promise<PetitionDto> {
    return dto(await this.petitions.receive(body, user));
  }

  @Get()
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Danh sách phản ánh, kiến nghị, mới nhất trước' })
  @ApiQuery({ name: 'status', required: false, enum: PetitionStatus })
  @ApiOkResponse({ type: [PetitionDto] })
  async list(
    @Query('status', new ParseEnumPipe(PetitionStatus, { optional: true })) status?: PetitionStatus,
  ): Promise<PetitionDto[]> {
    return (await this.petitions.list(status ?? null, LIST_LIMIT)).map(dto);
  }

  @Get(':idOrCode')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Một phản ánh, kiến nghị với các mốc thời hạn' })
  @ApiOkResponse({ type: PetitionDto })
  @ApiResponse({ status: 404, type: ErrorResponseDto })
  async get(@Param('idOrCode') idOrCode: string): Promise<PetitionDto> {
    return dto(await this.petitions.get(idOrCode));
  }

  @Post(':idOrCode/:action')
  @HttpCode(200)
  @Roles(...ACTORS)
  @ApiOperation({
    summary:
      'Xử lý phản ánh, kiến nghị: từ chối, đề nghị làm rõ, chuyển, xử lý, trả lời, công khai',
  })
  @ApiParam({ name: 'action', enum: PetitionAction })
  @ApiOkResponse({ type: PetitionDto })
  @ApiResponse({ status: 404, type: ErrorResponseDto })
  @ApiResponse({
    status: 409,
    type: ErrorResponseDto,
    description:
      'Illegal transition, no consent to publish, or stale version (current: the petition)',
  })
  async act(
    @Param('idOrCode') idOrCode: string,
    @Param('action', new ParseEnumPipe(PetitionAction)) action: PetitionAction,
    @Body() body: PetitionActionDto,
    @CurrentUser() user: AuthUser,
  ): Promise<PetitionDto> {
    return dto(await this.petitions.act(idOrCode, action, body, user));
  }
}

/** The public PAKN form and the published answers: no login, rate-limited. */
@ApiTags('petitions')
@Public()
@UseGuards(PublicRateLimitGuard)
@Controller('public/petitions')
export class PublicPetitionsController {
  constructor(private readonly petitions: PetitionService) {}

  @Post()
  @ApiOperation({ summary: 'Gửi phản ánh, kiến nghị qua biểu mẫu công khai' })
  @ApiCreatedResponse({ type: PublicPetitionReceiptDto })
  async submit(@Body() body: PublicPetitionDto): Promise<PublicPetitionReceiptDto> {
    const p = await this.petitions.receive({ ...body, channel: 'web' }, null);
    return {
      code: p.code,
      statusLabel: p.statusLabel,
      receivedAt: new Date(p.receivedAt).toISOString(),
      answerDueAt: new Date(p.answerDueAt).toISOString(),
    };
  }

  @Get()
  @ApiOperation({
    summary: 'Các câu trả lời phản ánh, kiến nghị đã công khai (đã ẩn thông tin cá nhân)',
  })
  @ApiQuery({ name: 'q', required: false, description: 'Words to look for' })
  @ApiOkResponse({ type: [PublishedPetitionDto] })
  published(@Query('q') q?: string): Promise<PublishedPetitionDto[]> {
    return this.petitions.published(q?.trim() ? q.trim().slice(0, 200) : null, LIST_LIMIT);
  }
}
