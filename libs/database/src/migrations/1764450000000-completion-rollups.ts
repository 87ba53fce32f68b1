import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * K2 (average processing time) and K6 (digitally signed results) as roll-up counters, so the
 * summary never scans applications. Unlike the other counters, these three are added to the
 * row of the day the application was RECEIVED (K2 and K6 are over applications received in
 * the period), when its result becomes ready:
 * completed (results ready), completed_working_days (Σ working days from reception to result)
 * and completed_signed (results marked digitally signed; K6 reads the online rows).
 * Existing rows start at zero: roll-ups before this migration hold no completions.
 */
export class CompletionRollups1764450000000 implements MigrationInterface {
  name = 'CompletionRollups1764450000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE kpi_daily_rollups
        ADD COLUMN completed integer NOT NULL DEFAULT 0,
        ADD COLUMN completed_working_days integer NOT NULL DEFAULT 0,
        ADD COLUMN completed_signed integer NOT NULL DEFAULT 0`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE kpi_daily_rollups
        DROP COLUMN completed_signed,
        DROP COLUMN completed_working_days,
        DROP COLUMN completed`);
  }
}
