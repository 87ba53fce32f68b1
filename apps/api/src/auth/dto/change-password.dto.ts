import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_MAX_BYTES } from '@app/domain';
import { IsNotEmpty, IsString, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH_FLOOR } from '../../users/dto/password-rules';
import { MaxBytes } from './max-bytes';

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxBytes(PASSWORD_MAX_BYTES)
  currentPassword: string;

  @ApiProperty({
    format: 'password',
    description: `At least PASSWORD_MIN_LENGTH characters (12 by default), at most ${PASSWORD_MAX_BYTES} bytes in UTF-8, not a common password, not containing the username`,
  })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH_FLOOR)
  @MaxBytes(PASSWORD_MAX_BYTES)
  newPassword: string;
}
