import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, DomainErrorCode, Role } from '@app/domain';
import { DataSource } from 'typeorm';
import { DbTransaction, executorOf } from '../security/db-transaction';
import { isUniqueViolation, queryRows } from './postgres';

/** A staff account as the rest of the system sees it: never with its password hash. */
export interface UserRecord {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  role: Role;
  departmentId: string | null;
  active: boolean;
  createdAt: Date;
  /** Carried by every access token; bumped when the password, role, department or status changes. */
  tokenVersion: number;
}

/** What every authenticated request compares its token with. */
export type AccountState = Pick<
  UserRecord,
  'id' | 'active' | 'role' | 'departmentId' | 'tokenVersion'
>;

export interface NewUser {
  username: string;
  passwordHash: string;
  fullName: string;
  email: string | null;
  role: Role;
  departmentId: string | null;
}

export type UserChanges = Partial<
  Pick<UserRecord, 'fullName' | 'email' | 'role' | 'departmentId' | 'active'> & {
    passwordHash: string;
  }
>;

export interface UserFilter {
  role?: Role;
  departmentId?: string;
}

const USER_SELECT = `id, username, full_name AS "fullName", email, role,
  department_id AS "departmentId", active, created_at AS "createdAt",
  token_version AS "tokenVersion"`;

const CHANGE_COLUMNS: Record<keyof UserChanges, string> = {
  fullName: 'full_name',
  email: 'email',
  role: 'role',
  departmentId: 'department_id',
  active: 'active',
  passwordHash: 'password_hash',
};

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** For login and password changes only: the account and its hash, by username or id. */
  async findCredentials(
    by: { username: string } | { id: string },
  ): Promise<{ user: UserRecord; passwordHash: string } | null> {
    const [column, value] = 'id' in by ? ['id', by.id] : ['username', by.username];
    const rows: Array<UserRecord & { passwordHash: string }> = await this.dataSource.query(
      `SELECT ${USER_SELECT}, password_hash AS "passwordHash" FROM users WHERE ${column} = $1`,
      [value],
    );
    if (rows.length === 0) {
      return null;
    }
    const { passwordHash, ...user } = rows[0];
    return { user, passwordHash };
  }

  /** Current state of these accounts (the ones missing were deleted). */
  async accountStates(ids: string[]): Promise<AccountState[]> {
    return this.dataSource.query(
      `SELECT id, active, role, department_id AS "departmentId", token_version AS "tokenVersion"
       FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /**
   * Stores a new hash of the SAME password (argon2id replacing a legacy bcrypt hash at login):
   * sessions stay valid. Only if the hash is still `previousHash`, so a password changed
   * meanwhile is never overwritten.
   */
  async rehashPassword(id: string, previousHash: string, newHash: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2`,
      [id, previousHash, newHash],
    );
  }

  /** A new password: every token issued before is revoked (token version bumped). */
  async changePassword(
    id: string,
    newHash: string,
    at: Date,
    tx?: DbTransaction,
  ): Promise<UserRecord | null> {
    const rows = await queryRows<UserRecord>(
      executorOf(this.dataSource, tx),
      `UPDATE users SET password_hash = $2, password_changed_at = $3,
         token_version = token_version + 1
       WHERE id = $1 RETURNING ${USER_SELECT}`,
      [id, newHash, at],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<UserRecord | null> {
    const rows: UserRecord[] = await this.dataSource.query(
      `SELECT ${USER_SELECT} FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async list(filter: UserFilter): Promise<UserRecord[]> {
    return this.dataSource.query(
      `SELECT ${USER_SELECT} FROM users
       WHERE ($1::text IS NULL OR role = $1) AND ($2::uuid IS NULL OR department_id = $2)
       ORDER BY full_name, username`,
      [filter.role ?? null, filter.departmentId ?? null],
    );
  }

  async create(user: NewUser, tx?: DbTransaction): Promise<UserRecord> {
    try {
      const rows: UserRecord[] = await executorOf(this.dataSource, tx).query(
        `INSERT INTO users (username, password_hash, full_name, email, role, department_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER_SELECT}`,
        [user.username, user.passwordHash, user.fullName, user.email, user.role, user.departmentId],
      );
      return rows[0];
    } catch (error) {
      if (isUniqueViolation(error, 'users_username_key')) {
        throw new DomainError(
          DomainErrorCode.Duplicate,
          `Tên đăng nhập "${user.username}" đã được sử dụng`,
          [{ field: 'username', reason: 'is already taken' }],
        );
      }
      throw error;
    }
  }

  /**
   * Applies only the given changes; null when there is no such user. A new password hash bumps
   * the token version here; role, department and status changes bump it by trigger.
   */
  async update(id: string, changes: UserChanges, tx?: DbTransaction): Promise<UserRecord | null> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (entries.length === 0) {
      return this.findById(id);
    }
    const assignments = entries.map(
      ([key], i) => `${CHANGE_COLUMNS[key as keyof UserChanges]} = $${i + 2}`,
    );
    if (changes.passwordHash !== undefined) {
      assignments.push('token_version = token_version + 1', 'password_changed_at = now()');
    }
    const rows = await queryRows<UserRecord>(
      executorOf(this.dataSource, tx),
      `UPDATE users SET ${assignments.join(', ')} WHERE id = $1 RETURNING ${USER_SELECT}`,
      [id, ...entries.map(([, value]) => value)],
    );
    return rows[0] ?? null;
  }
}
