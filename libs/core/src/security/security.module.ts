import { Global, Module } from '@nestjs/common';
import { RefreshTokenRepository, SecurityAuditRepository, TransactionRunner } from '@app/database';
import { PasswordHasher } from './password-hasher';
import { SecurityAuditService } from './security-audit.service';
import { PublicLookupLockout } from './public-lookup-lockout.service';

/** The security audit log, password hashing and the session store, for every module. */
@Global()
@Module({
  providers: [
    SecurityAuditRepository,
    SecurityAuditService,
    PasswordHasher,
    RefreshTokenRepository,
    TransactionRunner,
    PublicLookupLockout,
  ],
  exports: [
    PublicLookupLockout,
    SecurityAuditService,
    SecurityAuditRepository,
    PasswordHasher,
    RefreshTokenRepository,
    TransactionRunner,
  ],
})
export class SecurityModule {}
