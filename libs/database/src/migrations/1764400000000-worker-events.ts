import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables of the event-driven worker (issue 3): idempotency records of the consumers, KPI
 * roll-ups and per-application outcomes, and deadline alerts.
 *
 * No NOTIFY trigger on outbox_events: a notifying transaction takes a database-wide lock
 * until its commit completes, which serialised intake (measured: about 3x fewer intakes per
 * second at 32 clients). Writers signal after commit instead (OutboxSignal).
 */
export class WorkerEvents1764400000000 implements MigrationInterface {
  name = 'WorkerEvents1764400000000';

  public async up(q: QueryRunner): Promise<void> {
    // A consumer records each event it applied in the same transaction as the effect, so a
    // redelivered event finds its row and changes nothing.
    await q.query(`
      CREATE TABLE consumed_events (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        consumed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);

    // One row per local day (Asia/Ho_Chi_Minh) × department × procedure × channel: the on-time
    // rate of any period is a sum over these rows, never a scan of applications.
    await q.query(`
      CREATE TABLE kpi_daily_rollups (
        day date NOT NULL,
        department_id uuid NOT NULL REFERENCES departments(id),
        procedure_id uuid NOT NULL REFERENCES procedures(id),
        channel text NOT NULL,
        received integer NOT NULL DEFAULT 0,
        result_early integer NOT NULL DEFAULT 0,
        result_on_time integer NOT NULL DEFAULT 0,
        result_late integer NOT NULL DEFAULT 0,
        stopped integer NOT NULL DEFAULT 0,
        withdrawn integer NOT NULL DEFAULT 0,
        apologies integer NOT NULL DEFAULT 0,
        supplement_requests integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (day, department_id, procedure_id, channel)
      )`);
    await q.query(
      `CREATE INDEX kpi_daily_rollups_department ON kpi_daily_rollups (department_id, day)`,
    );

    await q.query(`
      CREATE TABLE application_outcomes (
        application_id uuid PRIMARY KEY REFERENCES applications(id),
        outcome text NOT NULL CHECK (outcome IN ('early', 'on_time', 'late')),
        end_at timestamptz NOT NULL,
        end_adjusted_at timestamptz NOT NULL,
        classified_at timestamptz NOT NULL
      )`);

    // One alert per (application, due date, kind): a rescheduled due date gets its own alerts.
    await q.query(`
      CREATE TABLE deadline_alerts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        due_at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('due_soon', 'due_now', 'overdue')),
        raised_at timestamptz NOT NULL,
        source text NOT NULL CHECK (source IN ('job', 'sweep')),
        UNIQUE (application_id, due_at, kind)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'deadline_alerts',
      'application_outcomes',
      'kpi_daily_rollups',
      'consumed_events',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
