import { Module } from '@nestjs/common';
import { UserRepository } from '@app/database';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

/** Login and the caller's own account; the JwtModule and the global guard are in ApiModule. */
@Module({
  controllers: [AuthController],
  providers: [AuthService, UserRepository],
})
export class AuthModule {}
