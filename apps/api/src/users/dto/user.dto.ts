import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@app/domain';
import type { UserRecord } from '@app/database';

/** A staff account as the API shows it (never its password hash). */
export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'chuyenvien' }) username: string;
  @ApiProperty({ example: 'Nguyễn Thị Lan' }) fullName: string;
  @ApiProperty({ type: String, nullable: true, example: 'lan.nt@sogd.example.vn' })
  email: string | null;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;

  static from(user: UserRecord): UserDto {
    return {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      email: user.email,
      role: user.role,
      departmentId: user.departmentId,
      active: user.active,
      createdAt: user.createdAt.toISOString(),
    };
  }
}
