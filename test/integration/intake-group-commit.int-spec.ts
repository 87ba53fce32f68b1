import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { AppConfig, loadConfig } from '@app/config';
import {
  ApplicationRepository,
  dataSourceOptions,
  IntakeProcedure,
  NewApplication,
  OutboxSignal,
  StaleIntakeProcedureError,
} from '@app/database';
import { INTAKE_SQL } from '@app/database/applications/intake.sql';
import { Channel, DocumentForm, DomainError, DomainErrorCode, Role } from '@app/domain';
import { Pool, type QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { applicant, BenchActor, newDeskApplication } from '../../bench/intake/dataset';
import { Factories } from '../factories/factories';
import { createTestDatabase } from '../setup/test-database';

// One instant for every intake: all codes of a case share one counter day.
const NOW = new Date();

type Seeded = { procedure: IntakeProcedure; documents: Array<{ id: string; name: string }> };

/**
 * Watches the intake statement on the driver's pool, where the repository sends it unless it
 * runs in a caller's transaction: which intakes each statement carried (in the order of its
 * JSON), how many overlapped, and it can fail grouped statements the way a lost connection does.
 */
class IntakeStatements {
  ran: string[][] = [];
  inFlight = 0;
  maxConcurrent = 0;
  failGroupsWith: Error | null = null;

  constructor(dataSource: DataSource) {
    const master = (dataSource.driver as PostgresDriver).master as Pool;
    const query = master.query.bind(master) as (config: QueryConfig) => Promise<unknown>;
    (master as unknown as { query: unknown }).query = (config: QueryConfig) => {
      if (typeof config !== 'object' || config.text !== INTAKE_SQL) {
        return query(config);
      }
      const ids = (JSON.parse(String(config.values?.[0])) as Array<{ id: string }>).map(
        (r) => r.id,
      );
      this.ran.push(ids);
      if (this.failGroupsWith && ids.length > 1) {
        return Promise.reject(this.failGroupsWith);
      }
      this.maxConcurrent = Math.max(this.maxConcurrent, ++this.inFlight);
      return query(config).finally(() => this.inFlight--);
    };
  }

  reset(): void {
    this.ran = [];
    this.maxConcurrent = 0;
    this.failGroupsWith = null;
  }
}

describe('desk intakes written by the group commit (INTAKE_SQL on PostgreSQL)', () => {
  let drop: () => Promise<void>;
  let config: AppConfig;
  let dataSource: DataSource;
  let db: Pool;
  let factory: Factories;
  let statements: IntakeStatements;
  let actor: BenchActor;

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '10',
      LOG_LEVEL: 'silent',
    });
    dataSource = new DataSource(dataSourceOptions(config));
    await dataSource.initialize();
    statements = new IntakeStatements(dataSource);
    db = new Pool({ connectionString: database.url, max: 2 });
    factory = new Factories(db);
    actor = { id: (await factory.user({ role: Role.Reception })).id, role: Role.Reception };
  });
  beforeEach(() => statements.reset());
  afterAll(async () => {
    // Let the repository's coalesced outbox NOTIFY (20 ms after an insert) go out first.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await dataSource?.destroy();
    await db?.end();
    await drop?.();
  });

  function repository(intakeGroupCommit: AppConfig['database']['intakeGroupCommit']) {
    const options = { ...config, database: { ...config.database, intakeGroupCommit } };
    return new ApplicationRepository(dataSource, new OutboxSignal(dataSource), undefined, options);
  }

  /** Fresh agencies (so each case has its own counters), each with procedures of two documents. */
  async function seed(repo: ApplicationRepository, agencies: number, perAgency = 1) {
    const seeded: Seeded[] = [];
    for (let a = 0; a < agencies; a++) {
      const department = await factory.department();
      for (let p = 0; p < perAgency; p++) {
        const { code } = await factory.procedure({ departmentId: department.id });
        const { rows: documents } = await db.query<{ id: string; name: string }>(
          `INSERT INTO procedure_documents (procedure_code, position, name)
           SELECT $1, g, 'Giấy tờ số ' || g FROM generate_series(1, 2) g RETURNING id, name`,
          [code],
        );
        seeded.push({ procedure: (await repo.findIntakeProcedure(code))!, documents });
      }
    }
    return seeded;
  }

  function intake(seeded: Seeded, i: number): NewApplication {
    const body = {
      procedureCode: seeded.procedure.code,
      channel: Channel.Direct,
      applicant: applicant(i),
    };
    const app = newDeskApplication(seeded.procedure, body, actor, NOW);
    app.receivedDocuments = seeded.documents.map((d) => ({
      procedureDocumentId: d.id,
      name: d.name,
      form: DocumentForm.Copy,
      copies: 1,
    }));
    return app;
  }

  const sequence = (code: string) => Number(code.split('-').pop());

  /**
   * What was written for these agencies: per agency and day the codes are 1..n and n is the
   * counter; each application has one history row, one outbox event carrying its code, and
   * its checklist rows. Returns code by application id.
   */
  async function expectConsistent(seeded: Seeded[], expected: NewApplication[]) {
    const agencies = [...new Set(seeded.map((s) => s.procedure.agencyCode))];
    const { rows } = await db.query<{
      id: string;
      code: string;
      history: number;
      events: number;
      eventCode: string;
      received: number;
    }>(
      `SELECT a.id, a.code,
         (SELECT count(*)::int FROM application_history h WHERE h.application_id = a.id) AS history,
         (SELECT count(*)::int FROM outbox_events e WHERE e.aggregate_id = a.id) AS events,
         (SELECT e.payload->>'code' FROM outbox_events e WHERE e.aggregate_id = a.id LIMIT 1) AS "eventCode",
         (SELECT count(*)::int FROM application_received_documents r WHERE r.application_id = a.id) AS received
       FROM applications a WHERE a.agency_code = ANY($1)`,
      [agencies],
    );
    expect(rows.map((r) => r.id).sort()).toEqual(expected.map((a) => a.id).sort());
    for (const row of rows) {
      expect(row).toMatchObject({ history: 1, events: 1, eventCode: row.code, received: 2 });
    }
    const { rows: counters } = await db.query<{ prefix: string; last: number }>(
      `SELECT agency_code || '-' || to_char(day, 'YYMMDD') AS prefix, last_value::int AS last
       FROM application_code_counters WHERE agency_code = ANY($1)`,
      [agencies],
    );
    const byPrefix = new Map<string, number[]>();
    for (const { code } of rows) {
      const prefix = code.slice(0, code.lastIndexOf('-'));
      byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), sequence(code)]);
    }
    const gapFree = [...byPrefix].map(([prefix, seqs]) => [prefix, seqs.sort((a, b) => a - b)]);
    expect(gapFree).toEqual([...byPrefix].map(([p, s]) => [p, s.map((_, i) => i + 1)]));
    expect(Object.fromEntries(counters.map((c) => [c.prefix, c.last]))).toEqual(
      Object.fromEntries([...byPrefix].map(([p, s]) => [p, s.length])),
    );
    return new Map(rows.map((r) => [r.id, r.code]));
  }

  it('writes 300 concurrent intakes over 5 agencies in few statements, codes gap-free', async () => {
    const repo = repository({ maxBatch: 50, maxInFlight: 2 });
    const seeded = await seed(repo, 5, 2);
    const apps = Array.from({ length: 300 }, (_, i) => intake(seeded[i % seeded.length], i));

    const records = await Promise.all(apps.map((app) => repo.insert(app)));

    const codes = await expectConsistent(seeded, apps);
    expect(records.map((r) => [r.id, r.code])).toEqual(apps.map((a) => [a.id, codes.get(a.id)]));
    // Grouped: each intake in exactly one statement (no retries), at most 50 a statement,
    // at most 2 statements at once. Submitted in one tick: [0], [1], then 6 groups of ≤ 50.
    expect(statements.ran.flat().sort()).toEqual(apps.map((a) => a.id).sort());
    expect(statements.ran.length).toBeLessThanOrEqual(10);
    expect(Math.max(...statements.ran.map((ids) => ids.length))).toBe(50);
    expect(statements.maxConcurrent).toBe(2);
  });

  it('numbers the intakes of one group in submission order, per agency', async () => {
    const repo = repository({ maxBatch: 50, maxInFlight: 1 });
    const [a, b] = await seed(repo, 2);
    const first = intake(b, 0); // goes alone; the others wait for it and go together
    const group = Array.from({ length: 12 }, (_, i) => intake(i % 3 === 1 ? b : a, i + 1));

    await Promise.all([first, ...group].map((app) => repo.insert(app)));

    expect(statements.ran).toEqual([[first.id], group.map((app) => app.id)]);
    const codes = await expectConsistent([a, b], [first, ...group]);
    const inOrder = (s: Seeded) =>
      group
        .filter((app) => app.procedure.id === s.procedure.id)
        .map((app) => sequence(codes.get(app.id)!));
    expect(inOrder(a)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(inOrder(b)).toEqual([2, 3, 4, 5]);
  });

  it('fails only the intake naming a missing document, as a checklist validation error', async () => {
    const repo = repository({ maxBatch: 50, maxInFlight: 1 });
    const seeded = await seed(repo, 2);
    const first = intake(seeded[0], 0);
    const group = Array.from({ length: 21 }, (_, i) => intake(seeded[i % 2], i + 1));
    const bad = group[10];
    bad.receivedDocuments[1] = { ...bad.receivedDocuments[1], procedureDocumentId: randomUUID() };

    const results = await Promise.allSettled([first, ...group].map((app) => repo.insert(app)));

    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const error = (results[11] as PromiseRejectedResult).reason as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(DomainErrorCode.Validation);
    expect(error.details).toEqual([{ field: 'checklist', reason: expect.any(String) }]);
    // The group's statement failed as a whole (class 23), then each intake went alone.
    expect(statements.ran.slice(0, 2)).toEqual([[first.id], group.map((app) => app.id)]);
    expect(statements.ran.slice(2).sort()).toEqual(group.map((app) => [app.id]).sort());
    // Its number was given back: the others' codes are still gap-free.
    await expectConsistent(seeded, [first, ...group.filter((app) => app !== bad)]);
  });

  it('refuses an intake prepared with a retired procedure version and writes the rest', async () => {
    const repo = repository({ maxBatch: 50, maxInFlight: 1 });
    // One agency, two procedures: the retired one's intake must not take a number of it.
    const [ok, retired] = await seed(repo, 1, 2);
    const first = intake(ok, 0);
    const group = [1, 2, 3, 4, 5, 6].map((i) => intake(i === 4 ? retired : ok, i));
    const stale = group[3];
    // Retired after the intake was prepared from it (as from the repository's cache).
    await db.query(`UPDATE procedures SET is_current = false WHERE id = $1`, [
      retired.procedure.id,
    ]);

    const results = await Promise.allSettled([first, ...group].map((app) => repo.insert(app)));

    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const error = (results[4] as PromiseRejectedResult).reason as StaleIntakeProcedureError;
    expect(error).toBeInstanceOf(StaleIntakeProcedureError);
    expect(error.procedureCode).toBe(retired.procedure.code);
    // Skipped inside the one statement, not an error: no retries.
    expect(statements.ran).toEqual([[first.id], group.map((app) => app.id)]);
    await expectConsistent([ok], [first, ...group.filter((app) => app !== stale)]);
    const { rows } = await db.query(`SELECT 1 FROM outbox_events WHERE id = $1`, [stale.event.id]);
    expect(rows).toEqual([]);
    // The cached entry went with the error: the next look-up reads again and finds none.
    expect(await repo.findIntakeProcedure(retired.procedure.code, { cached: true })).toBeNull();
  });

  it('rejects every intake of a group whose statement fails without SQLSTATE', async () => {
    const repo = repository({ maxBatch: 50, maxInFlight: 1 });
    const seeded = await seed(repo, 2);
    const lost = new Error('Connection terminated unexpectedly');
    statements.failGroupsWith = lost;
    const first = intake(seeded[0], 0);
    const group = Array.from({ length: 5 }, (_, i) => intake(seeded[i % 2], i + 1));

    const results = await Promise.allSettled([first, ...group].map((app) => repo.insert(app)));

    expect(results[0].status).toBe('fulfilled');
    expect(results.slice(1)).toEqual(group.map(() => ({ status: 'rejected', reason: lost })));
    expect(statements.ran).toEqual([[first.id], group.map((app) => app.id)]);
    statements.failGroupsWith = null;
    const next = intake(seeded[0], 9);
    expect(sequence((await repo.insert(next)).code)).toBe(2);
    await expectConsistent(seeded, [first, next]);
  });

  it('writes one statement per intake when maxBatch is 1', async () => {
    const repo = repository({ maxBatch: 1, maxInFlight: 2 });
    const seeded = await seed(repo, 2);
    const apps = Array.from({ length: 50 }, (_, i) => intake(seeded[i % 2], i));

    await Promise.all(apps.map((app) => repo.insert(app)));

    expect(statements.ran).toHaveLength(50);
    expect(statements.ran.every((ids) => ids.length === 1)).toBe(true);
    await expectConsistent(seeded, apps);
  });

  it("writes in the caller's transaction, bypassing the group commit", async () => {
    const repo = repository({ maxBatch: 50, maxInFlight: 2 });
    const [seeded] = await seed(repo, 1);
    const rolledBack = intake(seeded, 0);
    const rollback = new Error('rolled back by the test');

    await expect(
      dataSource.transaction(async (manager) => {
        expect(sequence((await repo.insert(rolledBack, manager)).code)).toBe(1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    const committed = intake(seeded, 1);
    const record = await dataSource.transaction((manager) => repo.insert(committed, manager));

    // The rollback took its number back with it, so it ran on the transaction's connection.
    expect(sequence(record.code)).toBe(1);
    expect(statements.ran).toEqual([]);
    await expectConsistent([seeded], [committed]);
  });
});
