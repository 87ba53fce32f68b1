import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '@app/domain';
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
// bcrypt reads at most 72 bytes; longer passwords would be silently truncated.
export const PASSWORD_MAX_LENGTH = 72;

export class CreateUserDto {
  @ApiProperty({ example: 'chuyenvien2', pattern: USERNAME_PATTERN.source })
  @IsString()
  @Matches(USERNAME_PATTERN, {
    message: 'must be 3 to 50 lower-case letters, digits, dots, hyphens or underscores',
  })
  username: string;

  @ApiProperty({ minLength: 8, maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @IsString()
  @MinLength(8)
  @MaxLength(PASSWORD_MAX_LENGTH)
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
