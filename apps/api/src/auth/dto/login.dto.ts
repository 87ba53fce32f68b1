import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@app/domain';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'tiepnhan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'motcua@2026', format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
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
  @ApiProperty({ type: LoginUserDto }) user: LoginUserDto;
}
