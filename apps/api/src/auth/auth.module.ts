import { Global, Module } from '@nestjs/common';
import { UserRepository } from '@app/database';
import { AccessTokens } from './access-tokens';
import { AccountStateCache } from './account-state.cache';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { SessionService } from './session.service';

/**
 * Login, sessions and the caller's own account; the one token check (AccessTokens +
 * AccountStateCache) that the guard, Bull Board and the metrics stream share. The JwtModule
 * and the global guard are in ApiModule.
 */
@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionService,
    AccessTokens,
    AccountStateCache,
    UserRepository,
    LoginThrottle,
  ],
  exports: [AccessTokens, AccountStateCache, SessionService],
})
export class AuthModule {}
