import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import bcrypt from 'bcryptjs';

/**
 * argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane). The work runs on libuv's thread
 * pool, off the event loop: a burst of logins no longer stalls every other request.
 */
const ARGON2 = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash is a legacy or weaker one: store `hash(password)` now that we know it. */
  needsRehash: boolean;
}

/** Hashes passwords and checks them against argon2id and legacy bcrypt hashes. */
@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2);
  }

  async verify(storedHash: string, password: string): Promise<PasswordCheck> {
    if (storedHash.startsWith('$argon2')) {
      const ok = await argon2.verify(storedHash, password);
      return { ok, needsRehash: ok && argon2.needsRehash(storedHash, ARGON2) };
    }
    if (/^\$2[aby]\$/.test(storedHash)) {
      // Accounts from before argon2: checked once more with bcrypt (on the event loop, in
      // slices), then re-hashed with argon2id by the caller.
      const ok = await bcrypt.compare(password, storedHash);
      return { ok, needsRehash: ok };
    }
    return { ok: false, needsRehash: false };
  }

  /**
   * The same work for an unknown username, so that a missing account and a wrong password
   * take as long (no enumeration by timing).
   */
  async verifyNothing(password: string): Promise<void> {
    this.dummy ??= this.hash(randomBytes(16).toString('hex'));
    await argon2.verify(await this.dummy, password);
  }
}
