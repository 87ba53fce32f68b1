import { ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '@app/domain';
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
import { PASSWORD_MAX_LENGTH } from './create-user.dto';

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

  @ApiPropertyOptional({ minLength: 8, maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @ValidateIf((o: UpdateUserDto) => o.password !== undefined)
  @IsString()
  @MinLength(8)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}
