import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { HousekeepingService, KpiReconciliationService } from '@app/core';
import { HOUSEKEEPING_BATCH_SQL, MaintenanceWatermarkRepository } from '@app/database';
import { Factories } from '../factories/factories';
import { startTestWorker, TestWorker } from '../setup/test-worker';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The nightly housekeeping: what it deletes, what it keeps, and that a night's work is bounded. */
describe('housekeeping (maintenance.housekeeping)', () => {
  let worker: TestWorker;
  let db: DataSource;
  let housekeeping: HousekeepingService;

  beforeAll(async () => {
    worker = await startTestWorker({
      WORKER_SCHEDULES: 'false',
      IDEMPOTENCY_TTL_HOURS: '24',
      OUTBOX_RETENTION_DAYS: '30',
      CONSUMED_EVENTS_RETENTION_DAYS: '30',
      HOUSEKEEPING_BATCH_SIZE: '100',
      HOUSEKEEPING_MAX_BATCHES: '3',
    });
    db = worker.app.get(DataSource);
    housekeeping = worker.app.get(HousekeepingService);
  });
  afterAll(() => worker.close());

  const ago = (ms: number) => new Date(Date.now() - ms);
  const count = async (sql: string) => Number((await db.query(sql))[0].n);

  async function seed(): Promise<void> {
    const user = randomUUID();
    const keys = (n: number, at: Date) =>
      db.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash, created_at)
         SELECT $1, 'k-' || g || '-' || $3::text, 'h', $2 FROM generate_series(1, $4) g`,
        [user, at, at.getTime(), n],
      );
    await keys(250, ago(48 * HOUR));
    await keys(10, ago(2 * HOUR));
    const outbox = (n: number, occurred: Date, published: Date | null) =>
      db.query(
        `INSERT INTO outbox_events (id, aggregate_type, aggregate_id, type, payload, occurred_at, published_at)
         SELECT gen_random_uuid(), 'application', gen_random_uuid(), 'housekeeping.test', '{}'::jsonb, $1, $2
         FROM generate_series(1, $3)`,
        [occurred, published, n],
      );
    await outbox(350, ago(41 * DAY), ago(40 * DAY));
    // Not relayed when the night's run starts: kept whatever its age (the running relay may
    // relay it meanwhile, which makes it recent).
    await outbox(5, ago(41 * DAY), null);
    await outbox(5, ago(2 * DAY), ago(2 * DAY));
    const consumed = (n: number, at: Date) =>
      db.query(
        `INSERT INTO consumed_events (consumer, event_id, consumed_at, event_occurred_at)
         SELECT 'kpi-rollups', gen_random_uuid(), $1, $1 FROM generate_series(1, $2)`,
        [at, n],
      );
    await consumed(120, ago(31 * DAY));
    await consumed(3, ago(29 * DAY));
  }

  it('deletes past retention in bounded batches, keeps the rest, and finishes the backlog the next night', async () => {
    await seed();

    const first = await housekeeping.run();
    expect(
      first.map(({ table, deleted, batches, leftOver }) => ({ table, deleted, batches, leftOver })),
    ).toEqual([
      { table: 'idempotency_keys', deleted: 250, batches: 3, leftOver: false },
      // 350 old relayed rows, 3 batches of 100 a night: 50 wait for the next night.
      { table: 'outbox_events', deleted: 300, batches: 3, leftOver: true },
      { table: 'consumed_events', deleted: 120, batches: 2, leftOver: false },
    ]);
    expect(await count(`SELECT count(*) AS n FROM idempotency_keys`)).toBe(10);
    expect(
      await count(
        `SELECT count(*) AS n FROM consumed_events WHERE consumed_at < now() - interval '1 day'`,
      ),
    ).toBe(3);
    expect(
      await count(
        `SELECT count(*) AS n FROM outbox_events WHERE occurred_at < now() - interval '40 days'`,
      ),
    ).toBe(55);

    const second = await housekeeping.run();
    expect(second.find((o) => o.table === 'outbox_events')).toMatchObject({
      deleted: 50,
      leftOver: false,
    });
    expect(await count(`SELECT count(*) AS n FROM outbox_events`)).toBe(10);
    expect(
      await count(
        `SELECT count(*) AS n FROM outbox_events WHERE occurred_at < now() - interval '40 days'`,
      ),
    ).toBe(5);

    const third = await housekeeping.run();
    expect(third.map((o) => o.deleted)).toEqual([0, 0, 0]);
  });

  it('each batch can be found through an index on its time column', async () => {
    // On these small tables the planner prefers a sequential scan; with it switched off, the
    // plan must name the index the batch was written for (a query no index serves would not).
    // The outbox and the consumers' records are deleted row by row only in their DEFAULT
    // partition (old months are dropped whole): the index is that partition's.
    const plans: Record<string, string> = {
      idempotency_keys_created: `SELECT user_id, key FROM idempotency_keys WHERE created_at < now() ORDER BY created_at LIMIT 100`,
      outbox_events_default_published_at_idx: `SELECT id FROM outbox_events_default WHERE published_at IS NOT NULL AND published_at < now() ORDER BY published_at LIMIT 100`,
      consumed_events_default_consumed_at_idx: `SELECT consumer, event_id FROM consumed_events_default WHERE consumed_at < now() ORDER BY consumed_at LIMIT 100`,
    };
    await db.transaction(async (m) => {
      await m.query(`SET LOCAL enable_seqscan = off`);
      await m.query(`SET LOCAL enable_sort = off`);
      for (const [index, sql] of Object.entries(plans)) {
        const rows: Array<{ 'QUERY PLAN': string }> = await m.query(`EXPLAIN ${sql}`);
        expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain(index);
      }
      // The delete itself finds its batch by ctid: no join that reads the whole table.
      for (const [table, sql] of Object.entries(HOUSEKEEPING_BATCH_SQL)) {
        const rows: Array<{ 'QUERY PLAN': string }> = await m.query(`EXPLAIN ${sql}`, [
          new Date(),
          5000,
        ]);
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        expect([table, plan]).toEqual([table, expect.stringContaining('Tid Scan')]);
        expect(plan).not.toMatch(/Hash|Seq Scan/);
      }
    });
  });
});

/** Monthly partitions (issue 14): months created ahead, old months dropped whole. */
describe('housekeeping of the month partitions', () => {
  let worker: TestWorker;
  let db: DataSource;

  beforeAll(async () => {
    worker = await startTestWorker({
      WORKER_SCHEDULES: 'false',
      OUTBOX_RETENTION_DAYS: '30',
      CONSUMED_EVENTS_RETENTION_DAYS: '30',
    });
    db = worker.app.get(DataSource);
  });
  afterAll(() => worker.close());

  const exists = async (name: string) =>
    (await db.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [name]))[0].e as boolean;
  const month = (at: Date) => {
    const local = new Date(at.getTime() + 7 * HOUR).toISOString();
    return local.slice(0, 4) + local.slice(5, 7);
  };

  it('creates the months ahead, drops past months whole, keeps a month with an unrelayed event', async () => {
    // Two old months of the outbox, one of them still holding an unrelayed event, and one of
    // the consumers' records (the events' months, whatever the consumption time).
    for (const table of ['outbox_events', 'consumed_events']) {
      await db.query(`SELECT motcua_ensure_month_partition($1, '2025-01-01')`, [table]);
      await db.query(`SELECT motcua_ensure_month_partition($1, '2025-02-01')`, [table]);
    }
    const outbox = (occurred: string, published: string | null) =>
      db.query(
        `INSERT INTO outbox_events (id, aggregate_type, aggregate_id, type, payload, occurred_at, published_at)
         SELECT gen_random_uuid(), 'application', gen_random_uuid(), 'housekeeping.test', '{}'::jsonb, $1, $2
         FROM generate_series(1, 20)`,
        [occurred, published],
      );
    await outbox('2025-01-15T10:00:00+07:00', '2025-01-15T10:00:01+07:00');
    await outbox('2025-02-15T10:00:00+07:00', '2025-02-15T10:00:01+07:00');
    await outbox('2025-02-20T10:00:00+07:00', null);
    await db.query(
      `INSERT INTO consumed_events (consumer, event_id, event_occurred_at, consumed_at)
       SELECT 'kpi-rollups', gen_random_uuid(), '2025-01-31T23:30:00+07:00', now() FROM generate_series(1, 5)`,
    );
    expect(Number((await db.query(`SELECT count(*) AS n FROM consumed_events_p202501`))[0].n)).toBe(
      5,
    );

    const outcomes = await worker.app.get(HousekeepingService).run();
    expect(outcomes.map((o) => [o.table, o.droppedMonths])).toEqual([
      ['idempotency_keys', []],
      ['outbox_events', ['202501']],
      ['consumed_events', ['202501', '202502']],
    ]);
    expect(await exists('outbox_events_p202501')).toBe(false);
    expect(await exists('outbox_events_p202502')).toBe(true);
    expect(
      Number(
        (await db.query(`SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`))[0].n,
      ),
    ).toBe(20);

    // This month and the next three exist for every partitioned table, history included.
    for (const table of ['outbox_events', 'consumed_events', 'application_history']) {
      for (let ahead = 0; ahead <= 3; ahead++) {
        const at = new Date();
        at.setUTCDate(1);
        at.setUTCMonth(at.getUTCMonth() + ahead);
        expect([table, ahead, await exists(`${table}_p${month(at)}`)]).toEqual([
          table,
          ahead,
          true,
        ]);
      }
    }
    // A history month refuses TRUNCATE like the whole table (the legal record).
    const current = `application_history_p${month(new Date())}`;
    await expect(db.query(`TRUNCATE ${current}`)).rejects.toThrow();
    await expect(db.query(`TRUNCATE application_history_default`)).rejects.toThrow();
  });

  it('a redelivered event meets its first record, whatever the month it is consumed in', async () => {
    const event = randomUUID();
    const record = (consumedAt: string) =>
      db.query(
        `INSERT INTO consumed_events (consumer, event_id, event_occurred_at, consumed_at)
         VALUES ('kpi-rollups', $1, '2025-02-10T09:00:00+07:00', $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [event, consumedAt],
      );
    expect(await record('2025-02-10T09:00:01+07:00')).toHaveLength(1);
    expect(await record('2025-03-02T09:00:00+07:00')).toHaveLength(0);
  });
});

describe('nightly KPI reconciliation catches up missed nights (maintenance_watermarks)', () => {
  let worker: TestWorker;
  let reconciliation: KpiReconciliationService;

  beforeAll(async () => {
    worker = await startTestWorker({ WORKER_SCHEDULES: 'false' });
    reconciliation = worker.app.get(KpiReconciliationService);
  });
  afterAll(() => worker.close());

  const range = (r: { from: string; to: string } | null) => r && { from: r.from, to: r.to };

  it('starts at yesterday, then from the day after the last night done, at most 31 days back', async () => {
    expect(range(await reconciliation.reconcileNightly('2026-03-10'))).toEqual({
      from: '2026-03-10',
      to: '2026-03-10',
    });
    // Already done: nothing to do, the watermark stays.
    expect(await reconciliation.reconcileNightly('2026-03-10')).toBeNull();
    // Three nights missed (worker down): the next run covers them.
    expect(range(await reconciliation.reconcileNightly('2026-03-14'))).toEqual({
      from: '2026-03-11',
      to: '2026-03-14',
    });
    // A late retry of an older night does not move the watermark back.
    await worker.app
      .get(MaintenanceWatermarkRepository)
      .markDone('kpi-reconciliation', '2026-03-12');
    expect(
      await worker.app.get(MaintenanceWatermarkRepository).doneThrough('kpi-reconciliation'),
    ).toBe('2026-03-14');
    // Down for two months: bounded to the last 31 days (older ones: npm run kpi:rebuild).
    expect(range(await reconciliation.reconcileNightly('2026-05-20'))).toEqual({
      from: '2026-04-20',
      to: '2026-05-20',
    });
  });
});

/**
 * The nightly reconciliation looks for received applications without KPI facts among its
 * days' receptions only (through applications_received_at); the start-up run looks
 * everywhere, once a day (bench:jobs: the search over every application took 9 s at 10 M).
 */
describe('KPI catch-up of applications without facts', () => {
  let worker: TestWorker;
  let db: DataSource;
  let reconciliation: KpiReconciliationService;
  const ids: Record<'inWindow' | 'longAgo', string> = { inWindow: '', longAgo: '' };

  beforeAll(async () => {
    worker = await startTestWorker({ WORKER_SCHEDULES: 'false' });
    db = worker.app.get(DataSource);
    reconciliation = worker.app.get(KpiReconciliationService);
    const pool = new Pool({ connectionString: worker.config.database.url, max: 1 });
    const procedure = await new Factories(pool).procedure();
    await pool.end();
    // No history lines: as if their events were lost (a crash, or before facts existed).
    for (const [key, receivedAt] of [
      ['inWindow', '2026-03-10T03:00:00Z'],
      ['longAgo', '2025-06-02T03:00:00Z'],
    ] as const) {
      const [row] = await db.query(
        `INSERT INTO applications (id, code, agency_code, department_id, procedure_id, procedure_code, channel,
           status, applicant_full_name, applicant_id_number, applicant_phone, search_text, received_at, due_at,
           original_due_at)
         SELECT gen_random_uuid(), $1, d.agency_code, d.id, $2, $3, 'direct', 'processing', 'Nguyễn Văn A',
                '001099000001', '0912345678', '', $4::timestamptz, $4::timestamptz + interval '7 days',
                $4::timestamptz + interval '7 days'
         FROM departments d WHERE d.id = $5
         RETURNING id`,
        [`CU-${key}`, procedure.id, procedure.code, receivedAt, procedure.departmentId],
      );
      ids[key] = row.id;
    }
  });
  afterAll(() => worker.close());

  const withFacts = async () =>
    (
      await db.query(
        `SELECT application_id AS id FROM kpi_application_facts WHERE application_id = ANY($1::uuid[])`,
        [Object.values(ids)],
      )
    )
      .map((r: { id: string }) => r.id)
      .sort();

  it('the nightly run computes those received in its days, not the others', async () => {
    const night = await reconciliation.reconcile('2026-03-09', '2026-03-11');
    expect(night.checked).toBe(1);
    expect(await withFacts()).toEqual([ids.inWindow]);
  });

  it('the start-up run computes every one left, whatever its day', async () => {
    const atStart = await reconciliation.reconcile('2026-12-05', '2026-12-05', {
      missingEverywhere: true,
    });
    expect(atStart.checked).toBe(1);
    expect(await withFacts()).toEqual([ids.inWindow, ids.longAgo].sort());
  });

  it("reads the window's receptions through an index, not every application", async () => {
    await db.transaction(async (m) => {
      await m.query(`SET LOCAL enable_seqscan = off`);
      const rows: Array<{ 'QUERY PLAN': string }> = await m.query(
        `EXPLAIN SELECT a.id FROM applications a
         WHERE a.received_at >= now() - interval '1 day' AND a.received_at < now()
           AND NOT EXISTS (SELECT 1 FROM kpi_application_facts f WHERE f.application_id = a.id)
         ORDER BY a.received_at, a.id LIMIT 500`,
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('applications_received_at');
    });
  });
});
