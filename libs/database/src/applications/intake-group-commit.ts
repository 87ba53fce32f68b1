import { pgErrorInfo } from '../repositories/postgres';

export interface GroupCommitOptions {
  /** Most intakes written by one statement; 1 turns grouping off (one statement each). */
  maxBatch: number;
  /** Most statements in flight at once; intakes arriving meanwhile wait for the next one. */
  maxInFlight: number;
}

/** The defaults of INTAKE_GROUP_MAX_BATCH and INTAKE_GROUP_IN_FLIGHT. */
export const DEFAULT_INTAKE_GROUP_COMMIT: GroupCommitOptions = { maxBatch: 50, maxInFlight: 2 };

interface Pending<Row, Written> {
  row: Row;
  resolve: (written: Written | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * SQLSTATE classes a single intake's own data can cause (22 data exception, 23 integrity, e.g.
 * a checked document removed meanwhile) or that one retry alone can cure (40 deadlock or
 * serialization): after them each intake of the batch is tried alone, so one bad intake gets
 * its own error and the others commit. Anything else (connection lost, timeout, shutdown)
 * would fail alone too: every intake of the batch gets it.
 */
const PER_INTAKE_ERROR_CLASSES = new Set(['22', '23', '40']);

/**
 * Group commit for desk intakes. Under load most of an intake's database cost is per statement
 * and per commit (parse, executor start-up, WAL flush, a round trip), not per row: measured,
 * dropping indexes, triggers and foreign keys did not move it. So the intakes that arrive while
 * a statement is in flight wait for the next statement and go in together, up to `maxBatch`.
 * An intake that finds nothing in flight goes at once: grouping adds no wait of its own, it
 * only forms while the database is busy anyway.
 *
 * `write(rows)` must be all-or-nothing (one statement) and return what it wrote, keyed by
 * `keyOf`; a row it skipped on purpose (a stale procedure version) resolves as undefined.
 */
export class IntakeGroupCommit<Row, Written> {
  private readonly waiting: Array<Pending<Row, Written>> = [];
  private inFlight = 0;

  constructor(
    private readonly write: (rows: Row[]) => Promise<Written[]>,
    private readonly keyOfRow: (row: Row) => string,
    private readonly keyOfWritten: (written: Written) => string,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(row: Row): Promise<Written | undefined> {
    if (this.options.maxBatch <= 1) {
      return this.writeOne(row);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.startStatements();
    });
  }

  private startStatements(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.writeBatch(batch).finally(() => {
        this.inFlight--;
        this.startStatements();
      });
    }
  }

  private async writeBatch(batch: Array<Pending<Row, Written>>): Promise<void> {
    let written: Written[];
    try {
      written = await this.write(batch.map((p) => p.row));
    } catch (error) {
      if (batch.length > 1 && PER_INTAKE_ERROR_CLASSES.has((pgErrorInfo(error).code ?? '').slice(0, 2))) {
        await Promise.all(batch.map((p) => this.writeOne(p.row).then(p.resolve, p.reject)));
      } else {
        batch.forEach((p) => p.reject(error));
      }
      return;
    }
    const byKey = new Map(written.map((w) => [this.keyOfWritten(w), w]));
    batch.forEach((p) => p.resolve(byKey.get(this.keyOfRow(p.row))));
  }

  private async writeOne(row: Row): Promise<Written | undefined> {
    const written = await this.write([row]);
    return written[0];
  }
}
