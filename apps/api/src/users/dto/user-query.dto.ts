import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '@app/domain';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';

export class ListUsersQueryDto {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}

export class UserIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}
