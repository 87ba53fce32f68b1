import { ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWORD_MAX_BYTES, Role } from '@app/domain';
import { MaxBytes } from '../../auth/dto/max-bytes';
import { PASSWORD_MIN_LENGTH_FLOOR, PASSWORD_RULES } from './password-rules';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** Only the fields sent change; `email` and `departmentId` may be set to null to clear them. */
export class UpdateUserDto {
  @ApiPropertyOptional()
  @ValidateIf((o: UpdateUserDto) => o.fullName !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((o: UpdateUserDto) => o.email !== undefined && o.email !== null)
  @IsEmail()
  @MaxLength(200)
  email?: string | null;

  @ApiPropertyOptional({ enum: Role })
  @ValidateIf((o: UpdateUserDto) => o.role !== undefined)
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((o: UpdateUserDto) => o.departmentId !== undefined && o.departmentId !== null)
  @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateUserDto) => o.active !== undefined)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ format: 'password', description: PASSWORD_RULES })
  @ValidateIf((o: UpdateUserDto) => o.password !== undefined)
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH_FLOOR)
  @MaxBytes(PASSWORD_MAX_BYTES)
  password?: string;
}
