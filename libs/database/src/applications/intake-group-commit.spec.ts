import type { AppConfig } from '@app/config';
import { DomainError, DomainErrorCode } from '@app/domain';
import type { QueryConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { OutboxSignal } from '../outbox/outbox-signal';
import {
  ApplicationRepository,
  NewApplication,
  StaleIntakeProcedureError,
} from './application.repository';
import { INTAKE_SQL } from './intake.sql';

/**
 * The desk intake's group commit as ApplicationRepository.insert wires it, over a fake pg
 * driver instead of PostgreSQL: which intakes each INTAKE_SQL carried, how many overlapped,
 * and how a skipped row or a failed statement reaches each caller. The real statement is
 * tested against PostgreSQL in test/integration/intake-group-commit.int-spec.ts.
 */
class FakeDriver {
  readonly calls: string[][] = [];
  inFlight = 0;
  maxConcurrent = 0;
  /** Intakes the statement skips, as INTAKE_SQL skips a retired procedure version. */
  readonly stale = new Set<string>();
  /** The error of a statement carrying these intakes, if any. */
  fail: (ids: string[]) => Error | undefined = () => undefined;
  private readonly held: Array<() => void> = [];

  /** `manual`: a statement completes only when `finishNext()` is called. */
  constructor(private readonly manual = false) {}

  readonly dataSource = {
    driver: { master: { query: (config: QueryConfig) => this.query(config) } },
    // The outbox signal's NOTIFY after each insert.
    query: () => Promise.resolve([]),
  } as unknown as DataSource;

  finishNext(): void {
    this.held.shift()!();
  }

  private query(config: QueryConfig): Promise<{ rows: unknown[] }> {
    expect(config.text).toBe(INTAKE_SQL);
    const ids = (JSON.parse(String(config.values![0])) as Array<{ id: string }>).map((r) => r.id);
    const call = this.calls.push(ids) - 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, ++this.inFlight);
    return new Promise((resolve, reject) => {
      const complete = () => {
        this.inFlight--;
        const error = this.fail(ids);
        const at = new Date();
        const written = ids.filter((id) => !this.stale.has(id));
        const rows = written.map((id) => ({
          id,
          code: `${call}/${id}`,
          version: 1,
          createdAt: at,
          updatedAt: at,
        }));
        return error ? reject(error) : resolve({ rows });
      };
      return this.manual ? this.held.push(complete) : setImmediate(complete);
    });
  }
}

function repository(driver: FakeDriver, maxBatch: number, maxInFlight: number) {
  const config = {
    database: { namedStatements: true, intakeGroupCommit: { maxBatch, maxInFlight } },
  } as AppConfig;
  const { dataSource } = driver;
  return new ApplicationRepository(dataSource, new OutboxSignal(dataSource), undefined, config);
}

const AT = new Date('2026-03-02T03:00:00Z');

/** Only what INTAKE_SQL's row is built from; the fake driver reads just the id. */
function intake(id: string): NewApplication {
  const agencyCode = '000.21.12.H00';
  return {
    id,
    agencyCode,
    codeDay: '2026-03-02',
    procedure: {
      id: 'p1',
      code: '1.005001',
      version: 1,
      name: 'Thủ tục',
      departmentId: 'd1',
      agencyCode,
      timeLimitValue: 5,
      timeLimitUnit: 'working_days',
      reviewChain: [],
    },
    channel: 'direct',
    status: 'received',
    applicant: {
      fullName: 'Nguyễn Văn An',
      kind: 'person',
      idNumber: '001203040000',
      phone: '0912345678',
      email: null,
      address: null,
    },
    searchText: 'nguyen van an',
    documents: [],
    receivedDocuments: [],
    note: null,
    submittedAt: null,
    receivedAt: AT,
    dueAt: AT,
    receivedBy: null,
    history: {
      at: AT,
      actorId: null,
      actorRole: 'reception',
      action: 'receive',
      fromStatus: null,
      toStatus: 'received',
      note: null,
      payload: {},
    },
    event: { id: `event-${id}`, type: 'application.received', occurredAt: AT, payload: {} },
  };
}

const ids = (count: number) => Array.from({ length: count }, (_, i) => `r${i}`);
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('desk intake group commit (ApplicationRepository.insert over a fake driver)', () => {
  it('sends the first intake alone at once and groups those arriving while it is in flight', async () => {
    const driver = new FakeDriver(true);
    const repo = repository(driver, 50, 1);
    const first = repo.insert(intake('a'));
    await flush();
    expect(driver.calls).toEqual([['a']]);
    const later = ['b', 'c', 'd'].map((id) => repo.insert(intake(id)));
    await flush();
    expect(driver.calls).toEqual([['a']]); // they wait for the statement in flight

    driver.finishNext();
    expect((await first).code).toBe('0/a');
    await flush();
    expect(driver.calls).toEqual([['a'], ['b', 'c', 'd']]);
    driver.finishNext();
    expect((await Promise.all(later)).map((r) => r.code)).toEqual(['1/b', '1/c', '1/d']);
  });

  it('puts at most maxBatch intakes in one statement, in submission order', async () => {
    const driver = new FakeDriver();
    const repo = repository(driver, 3, 1);
    await Promise.all(ids(8).map((id) => repo.insert(intake(id))));
    expect(driver.calls).toEqual([['r0'], ['r1', 'r2', 'r3'], ['r4', 'r5', 'r6'], ['r7']]);
  });

  it.each([1, 2, 3])('has at most maxInFlight = %i statements at once', async (maxInFlight) => {
    const driver = new FakeDriver();
    const repo = repository(driver, 2, maxInFlight);
    const records = await Promise.all(ids(20).map((id) => repo.insert(intake(id))));
    expect(records.map((r) => r.id)).toEqual(ids(20));
    // Exactly: fewer would leave the allowance unused.
    expect(driver.maxConcurrent).toBe(maxInFlight);
  });

  it('writes each intake alone when maxBatch is 1, however many arrive at once', async () => {
    const driver = new FakeDriver();
    const repo = repository(driver, 1, 2);
    await Promise.all(ids(5).map((id) => repo.insert(intake(id))));
    expect(driver.calls).toEqual(ids(5).map((id) => [id]));
  });

  it('refuses only the intake the statement skipped (stale procedure version)', async () => {
    const driver = new FakeDriver();
    driver.stale.add('r2');
    const repo = repository(driver, 50, 1);
    const results = await Promise.allSettled(ids(4).map((id) => repo.insert(intake(id))));
    expect(driver.calls).toEqual([['r0'], ['r1', 'r2', 'r3']]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(StaleIntakeProcedureError);
    expect((results[3] as PromiseFulfilledResult<{ code: string }>).value.code).toBe('1/r3');
  });

  const pgError = (code: string, constraint?: string) =>
    Object.assign(new Error(`SQLSTATE ${code}`), { code, constraint });
  const checklistFk = pgError('23503', 'application_received_documents_procedure_document_id_fkey');

  it.each([
    ['23503 on the checklist', checklistFk],
    ['22P02 (data exception)', pgError('22P02')],
    ['40P01 (deadlock)', pgError('40P01')],
    // TypeORM's QueryFailedError carries the driver's error.
    [
      '23505 in driverError',
      Object.assign(new Error('wrapped'), { driverError: pgError('23505') }),
    ],
  ])('after %s retries each intake alone: only the bad one fails', async (_, error) => {
    const driver = new FakeDriver();
    driver.fail = (batch) => (batch.includes('r2') ? error : undefined);
    const repo = repository(driver, 50, 1);
    const results = await Promise.allSettled(ids(4).map((id) => repo.insert(intake(id))));
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    // The group failed as a whole, then each of its intakes went alone.
    expect(driver.calls.slice(0, 2)).toEqual([['r0'], ['r1', 'r2', 'r3']]);
    expect(driver.calls.slice(2).sort()).toEqual([['r1'], ['r2'], ['r3']]);
    const reason = (results[2] as PromiseRejectedResult).reason as DomainError;
    if (error === checklistFk) {
      // A document removed meanwhile: the desk reloads the checklist (400), not a 500.
      expect(reason).toBeInstanceOf(DomainError);
      expect(reason.code).toBe(DomainErrorCode.Validation);
      expect(reason.details.map((d) => d.field)).toEqual(['checklist']);
    } else {
      expect(reason).toBe(error);
    }
  });

  it.each([
    ['an error without SQLSTATE (connection lost)', new Error('Connection terminated')],
    ['57014 (statement timeout)', pgError('57014')],
  ])('after %s rejects every intake of the group with it, without retries', async (_, error) => {
    const driver = new FakeDriver();
    driver.fail = (batch) => (batch.length > 1 ? error : undefined);
    const repo = repository(driver, 50, 1);
    const results = await Promise.allSettled(ids(4).map((id) => repo.insert(intake(id))));
    expect(results[0].status).toBe('fulfilled');
    expect(results.slice(1)).toEqual([1, 2, 3].map(() => ({ status: 'rejected', reason: error })));
    expect(driver.calls).toEqual([['r0'], ['r1', 'r2', 'r3']]);
    // And the next intake still goes through.
    driver.fail = () => undefined;
    await expect(repo.insert(intake('next'))).resolves.toMatchObject({ code: '2/next' });
  });
});
