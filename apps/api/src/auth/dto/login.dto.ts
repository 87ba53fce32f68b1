import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_MAX_BYTES, Role } from '@app/domain';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MaxBytes } from './max-bytes';

export class LoginDto {
  @ApiProperty({ example: 'tiepnhan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username: string;

  @ApiProperty({
    example: 'motcua@2026',
    format: 'password',
    description: `At most ${PASSWORD_MAX_BYTES} bytes in UTF-8`,
  })
  @IsString()
  @IsNotEmpty()
  @MaxBytes(PASSWORD_MAX_BYTES)
  password: string;
}

export class LoginUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'tiepnhan' }) username: string;
  @ApiProperty({ example: 'Trần Văn Minh' }) fullName: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId: string | null;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' })
  accessToken: string;
  @ApiProperty({
    type: 'integer',
    example: 900,
    description:
      'Seconds the access token lives; then POST /auth/refresh (the refresh token is the httpOnly cookie `motcua_refresh`, sent only to /api/v1/auth)',
  })
  expiresIn: number;
  @ApiProperty({ type: LoginUserDto }) user: LoginUserDto;
}
