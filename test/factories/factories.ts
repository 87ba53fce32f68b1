import { randomBytes } from 'node:crypto';
import { Role } from '@app/domain';
import bcrypt from 'bcryptjs';
import { Pool } from 'pg';

const unique = () => randomBytes(4).toString('hex');

export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  agencyCode: string;
}

export interface ProcedureRow {
  id: string;
  code: string;
  version: number;
  departmentId: string;
  timeLimitValue: number;
  timeLimitUnit: string;
}

export interface UserRow {
  id: string;
  username: string;
  role: Role;
  departmentId: string | null;
}

/** Each test creates what it needs (style rule 12): no shared fixtures, any order. */
export class Factories {
  constructor(private readonly db: Pool) {}

  async department(overrides: Partial<Omit<DepartmentRow, 'id'>> = {}): Promise<DepartmentRow> {
    const suffix = unique();
    const row = {
      code: overrides.code ?? `PHONG_${suffix}`,
      name: overrides.name ?? `Phòng thử nghiệm ${suffix}`,
      agencyCode: overrides.agencyCode ?? `T${suffix.toUpperCase()}`,
    };
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO departments (code, name, agency_code) VALUES ($1, $2, $3) RETURNING id`,
      [row.code, row.name, row.agencyCode],
    );
    return { id: rows[0].id, ...row };
  }

  async procedure(
    overrides: Partial<Omit<ProcedureRow, 'id' | 'version'>> & {
      name?: string;
      onlineLevel?: string;
    } = {},
  ): Promise<ProcedureRow> {
    const departmentId = overrides.departmentId ?? (await this.department()).id;
    const code = overrides.code ?? `1.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const timeLimitValue = overrides.timeLimitValue ?? 5;
    const timeLimitUnit = overrides.timeLimitUnit ?? 'working_days';
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO procedures (code, version, name, department_id, time_limit_value, time_limit_unit, online_level, fee_vnd)
       VALUES ($1, 1, $2, $3, $4, $5, $6, 0) RETURNING id`,
      [
        code,
        overrides.name ?? `Thủ tục ${code}`,
        departmentId,
        timeLimitValue,
        timeLimitUnit,
        overrides.onlineLevel ?? 'partial',
      ],
    );
    return { id: rows[0].id, code, version: 1, departmentId, timeLimitValue, timeLimitUnit };
  }

  async user(overrides: {
    role: Role;
    departmentId?: string | null;
    username?: string;
    password?: string;
  }): Promise<UserRow> {
    const username = overrides.username ?? `${overrides.role}_${unique()}`;
    // Cost 4 keeps factories fast; production hashes use the service's cost.
    const hash = await bcrypt.hash(overrides.password ?? 'matkhau123', 4);
    const departmentId =
      overrides.departmentId !== undefined
        ? overrides.departmentId
        : overrides.role === Role.Officer || overrides.role === Role.Head
          ? (await this.department()).id
          : null;
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO users (username, password_hash, full_name, role, department_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [username, hash, `Cán bộ ${username}`, overrides.role, departmentId],
    );
    return { id: rows[0].id, username, role: overrides.role, departmentId };
  }
}
