import { Body, Controller, Get, Inject, Param, Patch, Post } from '@nestjs/common';
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
import { DepartmentsService } from './departments.service';
import {
  CreateDepartmentDto,
  DepartmentDto,
  DepartmentIdParamDto,
  UpdateDepartmentDto,
} from './dto/department.dto';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(@Inject(DepartmentsService) private readonly departments: DepartmentsService) {}

  @Get()
  @ApiOperation({ summary: 'Divisions of the Department (phòng, ban)' })
  @ApiOkResponse({ type: [DepartmentDto] })
  async list(): Promise<DepartmentDto[]> {
    return (await this.departments.list()).map((d) => DepartmentDto.from(d));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One department' })
  @ApiOkResponse({ type: DepartmentDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param() params: DepartmentIdParamDto): Promise<DepartmentDto> {
    return DepartmentDto.from(await this.departments.get(params.id));
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Add a department (division)' })
  @ApiCreatedResponse({ type: DepartmentDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Code already used' })
  async create(@Body() body: CreateDepartmentDto): Promise<DepartmentDto> {
    return DepartmentDto.from(await this.departments.create(body));
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Change a department; send the version you read' })
  @ApiOkResponse({ type: DepartmentDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Stale version or code taken' })
  async update(
    @Param() params: DepartmentIdParamDto,
    @Body() body: UpdateDepartmentDto,
  ): Promise<DepartmentDto> {
    const { version, ...changes } = body;
    return DepartmentDto.from(await this.departments.update(params.id, version, changes));
  }
}
