import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UserRecord, UserRepository } from '@app/database';
import { DomainError, DomainErrorCode } from '@app/domain';
import bcrypt from 'bcryptjs';

// Compared against when the username is unknown, so that both failures take as long
// (no user enumeration by timing). A hash of a throw-away string, cost 10 like real ones.
const TIMING_EQUALISER_HASH = '$2b$10$JUzQ3zO1LgWQAGIJx/Td4eOWehffviPAfGXx2lsknrM5nY7e1Riyy';

const INVALID_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng';

@Injectable()
export class AuthService {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(JwtService) private readonly jwt: JwtService,
  ) {}

  /** One message for an unknown username and a wrong password alike. */
  async login(
    username: string,
    password: string,
  ): Promise<{ accessToken: string; user: UserRecord }> {
    // Usernames are created lower-case (users.service), so the look-up is case-insensitive.
    const found = await this.users.findCredentials(username.trim().toLowerCase());
    const matches = await bcrypt.compare(password, found?.passwordHash ?? TIMING_EQUALISER_HASH);
    if (!found || !matches) {
      throw new DomainError(DomainErrorCode.Unauthenticated, INVALID_CREDENTIALS);
    }
    const { user } = found;
    if (!user.active) {
      // Told only to someone who knows the password.
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        'Tài khoản đã bị vô hiệu hóa; vui lòng liên hệ quản trị viên',
      );
    }
    const accessToken = await this.jwt.signAsync({
      sub: user.id,
      username: user.username,
      role: user.role,
      departmentId: user.departmentId,
    });
    return { accessToken, user };
  }

  /** The caller's own account; a token of a removed or deactivated account no longer works. */
  async me(userId: string): Promise<UserRecord> {
    const user = await this.users.findById(userId);
    if (!user || !user.active) {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        'Tài khoản không còn hoạt động; vui lòng đăng nhập lại',
      );
    }
    return user;
  }
}
