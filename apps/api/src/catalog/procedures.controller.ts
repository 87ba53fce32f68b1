import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Role } from '@app/domain';
import { Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { CreateProcedureDto, UpdateProcedureDto } from './dto/procedure-input.dto';
import {
  ListProceduresQueryDto,
  ProcedureCodeParamDto,
  ProcedureVersionQueryDto,
} from './dto/procedure-query.dto';
import { ProcedureDto } from './dto/procedure.dto';
import { ProceduresService } from './procedures.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('procedures')
export class ProceduresController {
  constructor(@Inject(ProceduresService) private readonly procedures: ProceduresService) {}

  @Get()
  @ApiOperation({ summary: 'Current procedures; q searches code and name (accents ignored)' })
  @ApiOkResponse({ type: [ProcedureDto] })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async search(@Query() query: ListProceduresQueryDto): Promise<ProcedureDto[]> {
    return (await this.procedures.search(query)).map((p) => ProcedureDto.from(p));
  }

  @Get(':code')
  @ApiOperation({ summary: 'The current version of a procedure, or ?version=N' })
  @ApiOkResponse({ type: ProcedureDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @Param() params: ProcedureCodeParamDto,
    @Query() query: ProcedureVersionQueryDto,
  ): Promise<ProcedureDto> {
    return ProcedureDto.from(await this.procedures.get(params.code, query.version));
  }

  @Get(':code/versions')
  @ApiOperation({ summary: 'Every version of a procedure, oldest first' })
  @ApiOkResponse({ type: [ProcedureDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async versions(@Param() params: ProcedureCodeParamDto): Promise<ProcedureDto[]> {
    return (await this.procedures.versions(params.code)).map((p) => ProcedureDto.from(p));
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Add a procedure (version 1)' })
  @ApiCreatedResponse({ type: ProcedureDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Code already exists' })
  async create(@Body() body: CreateProcedureDto): Promise<ProcedureDto> {
    const { code, ...content } = body;
    return ProcedureDto.from(await this.procedures.create(code, content));
  }

  @Put(':code')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Publish a new version (old versions stay unchanged: applications pin them)',
  })
  @ApiOkResponse({ type: ProcedureDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A newer version exists' })
  async publish(
    @Param() params: ProcedureCodeParamDto,
    @Body() body: UpdateProcedureDto,
  ): Promise<ProcedureDto> {
    const { version, ...content } = body;
    return ProcedureDto.from(await this.procedures.publish(params.code, content, version));
  }
}
