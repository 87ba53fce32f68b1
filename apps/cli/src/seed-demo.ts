import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { Role, trackingCode } from '@app/domain';
import bcrypt from 'bcryptjs';
import { DataSource, EntityManager } from 'typeorm';
import { dataSourceOptions } from '@app/database';
import { DEMO_DEPARTMENTS } from './demo-data/departments';
import { DEPARTMENT_STAFF, DemoUser } from './demo-data/department-staff';
import { DEMO_PROCEDURES } from './demo-data/procedures';
import { generateDemoHistory } from './demo-history/demo-history';
import { ensureDatabaseExists } from './migrate';

/** Documented in README.md ("Logging in"); for demonstrations only, never in production. */
export const DEMO_PASSWORD = 'motcua@2026';

const DEMO_USERS: readonly DemoUser[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', role: Role.Admin, departmentCode: null },
  {
    username: 'tiepnhan',
    fullName: 'Nguyễn Thị Thu Trang',
    role: Role.Reception,
    departmentCode: null,
  },
  {
    username: 'chuyenvien',
    fullName: 'Trần Minh Đức',
    role: Role.Officer,
    departmentCode: 'GDTRH',
  },
  { username: 'truongphong', fullName: 'Lê Văn Hùng', role: Role.Head, departmentCode: 'GDTRH' },
  {
    username: 'giamdoc',
    fullName: 'Phạm Thị Hồng Hạnh',
    role: Role.Director,
    departmentCode: null,
  },
  {
    username: 'giamsat',
    fullName: 'Võ Thị Thanh Tâm',
    role: Role.Supervisor,
    departmentCode: null,
  },
];

interface SeedCounts {
  departments: number;
  procedures: number;
  users: number;
}

/**
 * Inserts only what is missing (ON CONFLICT DO NOTHING / NOT EXISTS), so a second run changes
 * nothing, and rows edited since through the API are left as they are.
 */
export async function seed(manager: EntityManager): Promise<SeedCounts> {
  const counts: SeedCounts = { departments: 0, procedures: 0, users: 0 };
  for (const d of DEMO_DEPARTMENTS) {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO departments (code, name, agency_code) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [d.code, d.name.normalize('NFC'), d.agencyCode],
    );
    counts.departments += inserted.length;
  }
  const rows: Array<{ id: string; code: string }> = await manager.query(
    `SELECT id, code FROM departments WHERE code = ANY($1)`,
    [DEMO_DEPARTMENTS.map((d) => d.code)],
  );
  const departmentId = new Map(rows.map((r) => [r.code, r.id]));
  const idOf = (code: string): string => {
    const id = departmentId.get(code);
    if (!id) {
      throw new Error(`seed-demo: unknown department code ${code}`);
    }
    return id;
  };

  for (const p of DEMO_PROCEDURES) {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO procedures (code, version, is_current, name, department_id, time_limit_value,
         time_limit_unit, online_level, fee_vnd, eligible_full_online, on_national_portal, source,
         postal_intake, postal_return)
       SELECT $1, 1, true, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11
       WHERE NOT EXISTS (SELECT 1 FROM procedures WHERE code = $1) RETURNING id`,
      [
        p.code,
        p.name.normalize('NFC'),
        idOf(p.departmentCode),
        p.timeLimit.value,
        p.timeLimit.unit,
        p.onlineLevel,
        p.feeVnd,
        p.eligibleFullOnline,
        p.onNationalPortal,
        p.source.normalize('NFC'),
        // Demo setting: by post both ways, except same-day procedures served at the counter.
        p.timeLimit.value > 0,
      ],
    );
    counts.procedures += inserted.length;
  }
  // A demo range of tracking codes, as the post office would assign it (kept if present).
  await manager.query(
    `INSERT INTO postal_tracking_pool (code) SELECT unnest($1::text[]) ON CONFLICT (code) DO NOTHING`,
    [Array.from({ length: 500 }, (_, i) => trackingCode('RR', 10_000_000 + i))],
  );

  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  for (const u of [...DEMO_USERS, ...DEPARTMENT_STAFF]) {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO users (username, password_hash, full_name, role, department_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [
        u.username,
        passwordHash,
        u.fullName.normalize('NFC'),
        u.role,
        u.departmentCode ? idOf(u.departmentCode) : null,
      ],
    );
    counts.users += inserted.length;
  }
  return counts;
}

/** Command-line flags: `--no-history`, `--history-size=N` (default 4,000 applications). */
function parseArgs(argv: readonly string[]): { history: boolean; historySize?: number } {
  const size = argv.find((a) => a.startsWith('--history-size='));
  const historySize = size ? Number(size.split('=')[1]) : undefined;
  if (historySize !== undefined && !(Number.isInteger(historySize) && historySize > 0)) {
    throw new Error(`seed-demo: --history-size needs a positive whole number, got ${size}`);
  }
  return { history: !argv.includes('--no-history'), historySize };
}

/**
 * `npm run seed:demo`: migrates, loads the demo Department, catalog and logins, then a year of
 * application history (skip it with `-- --no-history`).
 */
async function main(): Promise<void> {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  await ensureDatabaseExists(config.database.url);
  const dataSource = new DataSource(dataSourceOptions(config, { poolSize: 2 }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      console.log(`seed-demo: applied migrations ${applied.map((m) => m.name).join(', ')}`);
    }
    const counts = await dataSource.transaction((manager) => seed(manager));
    console.log(
      `seed-demo: added ${counts.departments} departments, ${counts.procedures} procedures, ` +
        `${counts.users} users (anything already there was left unchanged)`,
    );
  } finally {
    await dataSource.destroy();
  }
  if (args.history) {
    const result = await generateDemoHistory(config, { count: args.historySize });
    if (result.summary) {
      const s = result.summary;
      const finished = s.early + s.onTime + s.late;
      const rate = finished > 0 ? (100 * (s.early + s.onTime)) / finished : 0;
      console.log(
        `seed-demo: history of ${s.applications} applications — early ${s.early}, on time ` +
          `${s.onTime}, late ${s.late} (${rate.toFixed(1)} % on time among finished), ` +
          `${s.supplemented} with supplements, ${s.apologized} apologised, ${s.openOverdue} open ` +
          `and overdue; by status ${JSON.stringify(s.byStatus)}; by channel ` +
          `${JSON.stringify(s.byChannel)}`,
      );
    }
  }
  console.log(`seed-demo: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD}):`);
  for (const u of DEMO_USERS) {
    const where = u.departmentCode ? `, ${u.departmentCode}` : '';
    console.log(`  ${u.username.padEnd(12)} ${u.role}${where} — ${u.fullName}`);
  }
  console.log(
    `  and an officer and a head for every other division: ` +
      DEPARTMENT_STAFF.map((u) => u.username).join(', '),
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
