import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWORD_MAX_BYTES, Role } from '@app/domain';
import { MaxBytes } from '../../auth/dto/max-bytes';
import { PASSWORD_MIN_LENGTH_FLOOR, PASSWORD_RULES } from './password-rules';
import {
  IsEmail,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,50}$/;

export class CreateUserDto {
  @ApiProperty({ example: 'chuyenvien2', pattern: USERNAME_PATTERN.source })
  @IsString()
  @Matches(USERNAME_PATTERN, {
    message: 'must be 3 to 50 lower-case letters, digits, dots, hyphens or underscores',
  })
  username: string;

  @ApiProperty({ format: 'password', description: PASSWORD_RULES })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH_FLOOR)
  @MaxBytes(PASSWORD_MAX_BYTES)
  password: string;

  @ApiProperty({ example: 'Phạm Thu Hà' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({ example: 'ha.pt@sogd.example.vn' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for officer and head' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}
