import { Body, Controller, Get, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
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
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserDto } from './dto/user.dto';
import { ListUsersQueryDto, UserIdParamDto } from './dto/user-query.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorResponseDto })
@Controller('users')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @Roles(Role.Admin, Role.Director, Role.Head)
  @ApiOperation({ summary: 'Staff accounts (heads: own department only)' })
  @ApiOkResponse({ type: [UserDto] })
  async list(
    @CurrentUser() actor: AuthUser,
    @Query() query: ListUsersQueryDto,
  ): Promise<UserDto[]> {
    const users = await this.users.list(actor, query);
    return users.map((user) => UserDto.from(user));
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Create a staff account' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Username already taken' })
  async create(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateUserDto,
    @Req() request: FastifyRequest,
  ): Promise<UserDto> {
    return UserDto.from(await this.users.create(actor, body, request.ip));
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Change a staff account (name, e-mail, role, department, active, password)',
    description:
      'A change of password, role, department or active ends every session of that account at once.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async update(
    @CurrentUser() actor: AuthUser,
    @Param() params: UserIdParamDto,
    @Body() body: UpdateUserDto,
    @Req() request: FastifyRequest,
  ): Promise<UserDto> {
    return UserDto.from(await this.users.update(actor, params.id, body, request.ip));
  }
}
