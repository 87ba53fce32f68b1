import { performance } from 'node:perf_hooks';
import { Client, Pool, QueryConfig } from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { intakeGroupCommitSettings } from './settings';
import { ApplicationRepository } from '@app/database/applications/application.repository';
import { OutboxSignal } from '@app/database/outbox/outbox-signal';
import { countApplications } from './bench-database';
import { startCpuMeasurement } from './cpu-usage';
import { sleep } from './api-process';
import { BenchActor, IntakeBody, newDeskApplication } from './dataset';
import { RunResult } from './report';

/**
 * The database's ceiling for intake: the exact statements the API runs (the repository's
 * findIntakeProcedure look-up, from its cache after the first read as in the API, then its
 * one-statement INTAKE_SQL, and the outbox NOTIFY it coalesces to one per 20 ms), with the
 * same parameters,
 * issued by a bare `pg` Pool from a fixed number of concurrent workers. The ceiling proper
 * writes one intake per statement, as issue 14 set its goal; the reference row groups them as
 * the API does (GroupCommit in ApplicationRepository.insert), to show what the grouping itself is worth. No HTTP, no Nest, no
 * TypeORM: whatever the API is below this, it spends above the database.
 *
 * The SQL is not copied: ApplicationRepository itself builds it, on top of a DataSource stand-in
 * whose query() goes straight to the pool (TypeORM's DataSource.query does the same round trip).
 */
class PoolQueryRunner {
  private readonly statementNames = new Map<string, string>();
  /** The repository runs intake's statements on the driver's pool, named (prepared). */
  readonly driver: { master: { query: (config: QueryConfig) => Promise<unknown> } };

  constructor(
    private readonly pool: Pool,
    private readonly prepared: boolean,
  ) {
    this.driver = {
      master: {
        query: (config: QueryConfig) =>
          this.pool.query(prepared ? config : { text: config.text, values: config.values }),
      },
    };
  }

  async query(text: string, values: unknown[]): Promise<unknown[]> {
    const config: QueryConfig = { text, values };
    if (this.prepared) {
      config.name = this.nameFor(text);
    }
    return (await this.pool.query(config)).rows;
  }

  private nameFor(text: string): string {
    let name = this.statementNames.get(text);
    if (!name) {
      name = `bench_intake_${this.statementNames.size + 1}`;
      this.statementNames.set(text, name);
    }
    return name;
  }
}

const OUTBOX_SIGNAL_SETTLE_MS = 100;

export interface CeilingOptions {
  databaseUrl: string;
  poolSize: number;
  workers: number;
  warmupSeconds: number;
  durationSeconds: number;
  bodies: IntakeBody[];
  actor: BenchActor;
  prepared: boolean;
  /** The API's group commit (its defaults), or none: one statement per intake. */
  groupCommit: boolean;
}

export async function runCeiling(options: CeilingOptions, db: Client): Promise<RunResult> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  // An idle connection that the server ends (e.g. the database dropped) must not crash the run.
  pool.on('error', () => undefined);
  try {
    const dataSource = new PoolQueryRunner(pool, options.prepared) as unknown as DataSource;
    // After each insert the repository pokes the outbox relay (a NOTIFY, at most one per 20 ms).
    const config = {
      database: {
        namedStatements: options.prepared,
        intakeGroupCommit: options.groupCommit
          ? intakeGroupCommitSettings()
          : { maxBatch: 1, maxInFlight: 1 },
      },
    } as AppConfig;
    const repository = new ApplicationRepository(
      dataSource,
      new OutboxSignal(dataSource),
      undefined,
      config,
    );
    await intakeLoop(repository, options, options.warmupSeconds);
    const rowsBefore = await countApplications(db);
    const stopCpuMeasurement = await startCpuMeasurement(db, null);
    const measured = await intakeLoop(repository, options, options.durationSeconds);
    const cpu = await stopCpuMeasurement(measured.latenciesMs.length);
    const newRows = (await countApplications(db)) - rowsBefore;
    const sorted = Float64Array.from(measured.latenciesMs).sort();
    const rowsOk = newRows === sorted.length;
    return {
      name: options.groupCommit
        ? 'Reference: bare `pg` Pool, with the same group commit as the API'
        : options.prepared
          ? 'Ceiling: bare `pg` Pool, same prepared statement, one per intake'
          : 'Reference: same SQL unprepared (planned every time)',
      count: sorted.length,
      seconds: measured.seconds,
      perSecond: sorted.length / measured.seconds,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      failures: measured.failures.length,
      failureDetail: [...new Set(measured.failures)].slice(0, 3).join('; '),
      rowsCheck: rowsOk
        ? `OK: ${newRows} rows = ${sorted.length} tx`
        : `MISMATCH: ${newRows} rows, ${sorted.length} tx`,
      rowsOk,
      cpu,
    };
  } finally {
    await sleep(OUTBOX_SIGNAL_SETTLE_MS); // let the last coalesced NOTIFY go out
    await pool.end();
  }
}

/** `workers` loops, each doing one intake after another until the time is up. */
async function intakeLoop(
  repository: ApplicationRepository,
  options: CeilingOptions,
  seconds: number,
): Promise<{ latenciesMs: number[]; failures: string[]; seconds: number }> {
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const body = options.bodies[next++ % options.bodies.length];
      const begun = performance.now();
      try {
        const procedure = await repository.findIntakeProcedure(body.procedureCode, {
          cached: true,
        });
        if (!procedure) {
          throw new Error(`no procedure ${body.procedureCode}`);
        }
        await repository.insert(newDeskApplication(procedure, body, options.actor, new Date()));
        latenciesMs.push(performance.now() - begun);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, worker));
  return { latenciesMs, failures, seconds: (performance.now() - started) / 1000 };
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}
