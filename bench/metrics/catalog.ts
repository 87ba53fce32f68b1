import bcrypt from 'bcryptjs';
import type { ClientBase } from 'pg';
import { CalendarOverride, WorkingCalendar } from '@app/domain';
import { DEPARTMENT_COUNT, PROCEDURE_COUNT, procedureCode, seedCatalog } from '../intake/dataset';

/**
 * The metrics data set's catalog: the intake bench's 8 departments and 20 procedures plus 40
 * more procedures (60 in all, spread over the departments), a director to read the metrics
 * as, and a head and three officers per department to own the applications.
 */
export const METRICS_PROCEDURE_COUNT = 60;
export const DIRECTOR = { username: 'bench.giamdoc', password: 'bench-metrics@2026' };
const OFFICERS_PER_DEPARTMENT = 3;
const TIME_LIMITS = [3, 5, 7, 10, 15, 20];

export interface CatalogProcedure {
  id: string;
  code: string;
  departmentId: string;
  agencyCode: string;
  timeLimitDays: number;
}

export interface Catalog {
  /** In popularity order: the first is the most requested (see application-rows.ts). */
  procedures: CatalogProcedure[];
  departmentIds: string[];
  officers: Map<string, string[]>;
  receptionId: string;
  directorId: string;
}

export async function seedMetricsCatalog(client: ClientBase): Promise<void> {
  await seedCatalog(client);
  const { rows: departments } = await client.query<{ id: string }>(
    `SELECT id FROM departments WHERE code LIKE 'BENCH-D%' ORDER BY substring(code FROM 8)::int`,
  );
  for (let p = PROCEDURE_COUNT; p < METRICS_PROCEDURE_COUNT; p++) {
    await client.query(
      `INSERT INTO procedures (code, version, is_current, name, department_id, time_limit_value,
         time_limit_unit, online_level, fee_vnd, eligible_full_online, on_national_portal)
       VALUES ($1, 1, true, $2, $3, $4, 'working_days', $5, $6, $7, $8)`,
      [
        procedureCode(p),
        `Thủ tục thử tải số ${p + 1}`,
        departments[p % DEPARTMENT_COUNT].id,
        TIME_LIMITS[p % TIME_LIMITS.length],
        ['full', 'partial', 'none'][p % 3],
        (p % 4) * 50_000,
        p % 3 !== 2,
        p % 3 === 0,
      ],
    );
  }
  // One hash for every account: bcrypt at cost 10 takes ~70 ms each.
  const hash = await bcrypt.hash(DIRECTOR.password, 10);
  const user = (username: string, fullName: string, role: string, departmentId: string | null) =>
    client.query(
      `INSERT INTO users (username, password_hash, full_name, role, department_id)
       VALUES ($1, $2, $3, $4, $5)`,
      [username, hash, fullName, role, departmentId],
    );
  await user(DIRECTOR.username, 'Giám đốc (thử tải)', 'director', null);
  for (const [d, { id }] of departments.entries()) {
    await user(`bench.truongphong${d + 1}`, `Trưởng phòng ${d + 1} (thử tải)`, 'head', id);
    for (let k = 1; k <= OFFICERS_PER_DEPARTMENT; k++) {
      await user(`bench.canbo${d + 1}.${k}`, `Cán bộ ${d + 1}.${k} (thử tải)`, 'officer', id);
    }
  }
}

export async function loadCatalog(client: ClientBase): Promise<Catalog> {
  const { rows: procedures } = await client.query<CatalogProcedure>(
    `SELECT p.id, p.code, p.department_id AS "departmentId", d.agency_code AS "agencyCode",
            p.time_limit_value AS "timeLimitDays"
     FROM procedures p JOIN departments d ON d.id = p.department_id
     WHERE p.is_current ORDER BY p.code`,
  );
  const { rows: users } = await client.query<{ id: string; role: string; departmentId: string }>(
    `SELECT id, role, department_id AS "departmentId" FROM users ORDER BY username`,
  );
  const officers = new Map<string, string[]>();
  for (const u of users.filter((u) => u.role === 'officer')) {
    officers.set(u.departmentId, [...(officers.get(u.departmentId) ?? []), u.id]);
  }
  const find = (role: string) => {
    const found = users.find((u) => u.role === role);
    if (!found) {
      throw new Error(`no ${role} user in the bench catalog`);
    }
    return found.id;
  };
  return {
    procedures,
    departmentIds: [...new Set(procedures.map((p) => p.departmentId))],
    officers,
    receptionId: find('reception'),
    directorId: find('director'),
  };
}

/** The calendar the API and the worker use: the rules plus the overrides in the database. */
export async function loadCalendar(client: ClientBase): Promise<WorkingCalendar> {
  const { rows } = await client.query<CalendarOverride>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, reason, source FROM calendar_overrides`,
  );
  return new WorkingCalendar(rows);
}
