import { PeriodCountsRepository } from '@app/database';
import { toLocalDate } from '@app/domain';
import { Pool, type PoolClient } from 'pg';
import { startTestApp, TestApp } from '../setup/test-app';

/**
 * kpi_k1_open_counts is kept by statement triggers on kpi_k1_segments (migration
 * 17647000000000): whatever writes the segments — the worker's DELETE + INSERT per batch,
 * updates, deletes, a truncate, several workers at once — each group (counts plus the deltas
 * not yet folded) must equal a recount of the current open segments, no group of zero may
 * stay, and once writers are done one write folds every delta. The live figures read it, less the
 * segments that do not yet hold at the instant asked.
 */
describe('open K1 clocks are counted per late day', () => {
  let t: TestApp;
  const applications: Array<{ id: string; departmentId: string; procedureCode: string }> = [];
  const CHANNELS = ['direct', 'online', 'postal'];
  // Late days at 00:00 local time, as the domain sets them, and never late (NULL).
  const LATE_DAYS = [null, '2026-03-10T17:00:00Z', '2026-03-11T17:00:00Z', '2026-04-01T17:00:00Z'];

  beforeAll(async () => {
    t = await startTestApp();
    for (let d = 0; d < 2; d++) {
      const department = await t.factory.department();
      for (let p = 0; p < 2; p++) {
        const procedure = await t.factory.procedure({ departmentId: department.id });
        const { rows } = await t.db.query<{ id: string }>(
          `INSERT INTO applications (id, code, agency_code, department_id, procedure_id, procedure_code,
             channel, status, applicant_full_name, applicant_id_number, applicant_phone, search_text,
             received_at, due_at, original_due_at)
           SELECT gen_random_uuid(), $5 || '-' || g, $1, $2, $3, $4, 'direct', 'processing', 'Nguyễn Văn A',
                  '001099000001', '0912345678', '', '2026-03-01T02:00:00Z', '2026-03-10T10:00:00Z',
                  '2026-03-10T10:00:00Z'
           FROM generate_series(1, 20) g RETURNING id`,
          [department.agencyCode, department.id, procedure.id, procedure.code, `OC${d}${p}`],
        );
        applications.push(
          ...rows.map((r) => ({
            id: r.id,
            departmentId: department.id,
            procedureCode: procedure.code,
          })),
        );
      }
    }
  });
  afterAll(() => t?.close());

  type Group = { departmentId: string; procedureCode: string; channel: string };
  const byGroup = (a: Group, b: Group) => {
    const key = (g: Group) => `${g.departmentId}|${g.procedureCode}|${g.channel}`;
    return key(a) < key(b) ? -1 : 1;
  };

  /** Groups whose stored count differs from a recount, and stored groups of zero. */
  async function drift(): Promise<unknown[]> {
    const { rows } = await t.db.query(`
      WITH recount AS (
        SELECT department_id, procedure_code, channel, coalesce(late_from, 'infinity') AS late_from,
               count(*)::int AS n
        FROM kpi_k1_segments WHERE category = 'open' AND valid_to IS NULL GROUP BY 1, 2, 3, 4),
      stored AS (
        SELECT department_id, procedure_code, channel, late_from, sum(n)::int AS n
        FROM (SELECT department_id, procedure_code, channel, late_from, n FROM kpi_k1_open_counts
              UNION ALL
              SELECT department_id, procedure_code, channel, late_from, n FROM kpi_k1_open_count_deltas) s
        GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
        UNION ALL
        SELECT department_id, procedure_code, channel, late_from, n FROM kpi_k1_open_counts WHERE n = 0)
      SELECT 'missing' AS what, * FROM (SELECT * FROM recount EXCEPT SELECT * FROM stored) m
      UNION ALL SELECT 'extra', * FROM (SELECT * FROM stored EXCEPT SELECT * FROM recount) e`);
    return rows;
  }

  // A seeded generator: a failure replays the same operations.
  let state = 20261205;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

  /** One application's segments as the worker writes them: a history of standings. */
  function segmentsOf(app: (typeof applications)[number]) {
    const rows: unknown[][] = [];
    let from = Date.parse('2026-03-01T02:00:00Z');
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) {
      const last = i === count - 1;
      const to = last && random() < 0.7 ? null : from + (1 + Math.floor(random() * 5)) * 86_400_000;
      const open = random() < 0.6;
      rows.push([
        app.id,
        new Date(from),
        to === null ? null : new Date(to),
        open ? 'open' : pick(['resolved', 'stopped', 'withdrawn']),
        open ? null : new Date(from),
        open ? null : pick(['early', 'on_day', 'late']),
        open ? pick(LATE_DAYS) : null,
        app.departmentId,
        app.procedureCode,
        pick(CHANNELS),
      ]);
      if (to === null) {
        break;
      }
      from = to;
    }
    return rows;
  }

  /** The worker's write: the applications' segments replaced in one transaction. */
  async function replace(client: PoolClient, apps: readonly (typeof applications)[number][]) {
    const rows = apps.flatMap(segmentsOf);
    await client.query('BEGIN');
    try {
      await client.query(`DELETE FROM kpi_k1_segments WHERE application_id = ANY($1::uuid[])`, [
        apps.map((a) => a.id),
      ]);
      if (rows.length > 0) {
        const column = (k: number) => rows.map((r) => r[k]);
        await client.query(
          `INSERT INTO kpi_k1_segments (application_id, valid_from, valid_to, category, end_at, verdict,
           late_from, received_at, department_id, procedure_code, channel)
         SELECT a, vf, vt, c, e, v, l, '2026-03-01T02:00:00Z', d, p, ch
         FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::timestamptz[],
                     $6::text[], $7::timestamptz[], $8::uuid[], $9::text[], $10::text[])
           AS u(a, vf, vt, c, e, v, l, d, p, ch)`,
          [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(column),
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }

  it('equals a recount after every kind of write', async () => {
    const client = await t.db.connect();
    try {
      for (let step = 0; step < 150; step++) {
        const kind = pick(['replace', 'replace', 'replace', 'close', 'relate', 'delete']);
        if (kind === 'replace') {
          const apps = applications.filter(() => random() < 0.15);
          await replace(client, apps);
        } else if (kind === 'close') {
          // An open clock's standing ends (valid_to set): it leaves its group.
          await client.query(
            `UPDATE kpi_k1_segments SET valid_to = valid_from + interval '1 day'
             WHERE application_id = $1 AND valid_to IS NULL`,
            [pick(applications).id],
          );
        } else if (kind === 'relate') {
          // Several groups at once move to another late day and channel.
          await client.query(
            `UPDATE kpi_k1_segments SET late_from = $2, channel = $3
             WHERE category = 'open' AND department_id = $1`,
            [pick(applications).departmentId, pick(LATE_DAYS), pick(CHANNELS)],
          );
        } else {
          await client.query(`DELETE FROM kpi_k1_segments WHERE procedure_code = $1`, [
            pick(applications).procedureCode,
          ]);
        }
        const problems = await drift();
        if (problems.length > 0) {
          throw new Error(`step ${step} (${kind}): ${JSON.stringify(problems)}`);
        }
      }
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM kpi_k1_open_counts`);
      expect(rows[0].n).toBeGreaterThan(0);
      await client.query(`TRUNCATE kpi_k1_segments`);
      expect(await drift()).toEqual([]);
      const { rows: after } = await t.db.query(`SELECT count(*)::int AS n FROM kpi_k1_open_counts`);
      expect(after[0].n).toBe(0);
    } finally {
      client.release();
    }
  });

  it('stays exact, without deadlocks, when four workers write the same groups at once', async () => {
    // The test app's pool holds three: four writers need their own.
    const writers = new Pool({ connectionString: t.config.database.url, max: 4 });
    const clients = await Promise.all([0, 1, 2, 3].map(() => writers.connect()));
    try {
      // Each worker owns its applications (the real worker locks them), all share the groups.
      await Promise.all(
        clients.map(async (client, w) => {
          const own = applications.filter((_, i) => i % 4 === w);
          for (let round = 0; round < 25; round++) {
            await replace(
              client,
              own.filter(() => random() < 0.5),
            );
          }
        }),
      );
      expect(await drift()).toEqual([]);
      // Deltas left by writers that found the fold taken go with the next write.
      await replace(clients[0], applications.slice(0, 3));
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM kpi_k1_open_count_deltas`);
      expect(rows[0].n).toBe(0);
      expect(await drift()).toEqual([]);
    } finally {
      clients.forEach((c) => c.release());
      await writers.end();
    }
  });

  it('gives the live figures of the open clocks as the segments holding now', async () => {
    const client = await t.db.connect();
    try {
      await replace(client, applications);
      // A segment written ahead of its time (valid_from after now) must not count yet.
      const ahead = applications[0];
      await client.query(
        `UPDATE kpi_k1_segments SET valid_from = now() + interval '1 hour'
         WHERE application_id = $1 AND valid_to IS NULL AND category = 'open'`,
        [ahead.id],
      );
      await client.query(
        `INSERT INTO kpi_k1_segments (application_id, valid_from, valid_to, category, late_from,
           received_at, department_id, procedure_code, channel)
         VALUES ($1, now() + interval '2 hours', NULL, 'open', NULL, now(), $2, $3, 'online')`,
        [applications[1].id, applications[1].departmentId, applications[1].procedureCode],
      );
    } finally {
      client.release();
    }
    const now = new Date('2026-03-11T05:00:00Z');
    const { rows: expected } = await t.db.query(
      `SELECT department_id AS "departmentId", procedure_code AS "procedureCode", channel,
              count(*) FILTER (WHERE late_from IS NULL OR $1 < late_from)::int AS "openOnTime",
              count(*) FILTER (WHERE late_from IS NOT NULL AND $1 >= late_from)::int AS "openLate"
       FROM kpi_k1_segments
       WHERE category = 'open' AND valid_to IS NULL AND valid_from < $1
       GROUP BY 1, 2, 3`,
      [now],
    );
    expected.sort(byGroup);
    expect(expected.length).toBeGreaterThan(3);
    const repository = t.app.get(PeriodCountsRepository);
    for (const departmentId of [null, applications[0].departmentId]) {
      const live = await repository.live(toLocalDate(now), toLocalDate(now), now, departmentId);
      const open = live
        .map(({ departmentId, procedureCode, channel, openOnTime, openLate }) => ({
          departmentId,
          procedureCode,
          channel,
          openOnTime,
          openLate,
        }))
        .filter((r) => r.openOnTime + r.openLate > 0)
        .sort(byGroup);
      expect(open).toEqual(
        expected.filter((r) => departmentId === null || r.departmentId === departmentId),
      );
    }
  });
});
