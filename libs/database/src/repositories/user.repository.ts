import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, DomainErrorCode, Role } from '@app/domain';
import { DataSource } from 'typeorm';
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
}

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
  department_id AS "departmentId", active, created_at AS "createdAt"`;

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

  /** For login only: the account and its hash, looked up by exact username. */
  async findCredentials(
    username: string,
  ): Promise<{ user: UserRecord; passwordHash: string } | null> {
    const rows: Array<UserRecord & { passwordHash: string }> = await this.dataSource.query(
      `SELECT ${USER_SELECT}, password_hash AS "passwordHash" FROM users WHERE username = $1`,
      [username],
    );
    if (rows.length === 0) {
      return null;
    }
    const { passwordHash, ...user } = rows[0];
    return { user, passwordHash };
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

  async create(user: NewUser): Promise<UserRecord> {
    try {
      const rows: UserRecord[] = await this.dataSource.query(
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

  /** Applies only the given changes; null when there is no such user. */
  async update(id: string, changes: UserChanges): Promise<UserRecord | null> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (entries.length === 0) {
      return this.findById(id);
    }
    const assignments = entries.map(
      ([key], i) => `${CHANGE_COLUMNS[key as keyof UserChanges]} = $${i + 2}`,
    );
    const rows = await queryRows<UserRecord>(
      this.dataSource,
      `UPDATE users SET ${assignments.join(', ')} WHERE id = $1 RETURNING ${USER_SELECT}`,
      [id, ...entries.map(([, value]) => value)],
    );
    return rows[0] ?? null;
  }
}
