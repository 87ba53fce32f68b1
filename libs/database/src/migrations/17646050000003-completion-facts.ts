import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * K2 and K6 of a past period that is not closed ("computed": applications received in it whose
 * first result came before its end) read each application's stored contributions: the jsonb of
 * every application of the database was expanded, 14 s for a quarter at 10 M applications. The
 * completion (libs/domain KpiCompletion) now sits in columns of the facts, written by the KPI
 * consumer with the contributions, and a covering index makes a period a range scan.
 *
 * Backfill: the reception time and procedure code from the application, the completion time
 * from applications.result_ready_at (what the former query used) where the contributions hold
 * a completion, its working days and signature from the contributions.
 */
export class CompletionFacts17646050000003 implements MigrationInterface {
  name = 'CompletionFacts17646050000003';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE kpi_application_facts
        ADD COLUMN received_at timestamptz,
        ADD COLUMN procedure_code text,
        ADD COLUMN completed_at timestamptz,
        ADD COLUMN completed_working_days integer,
        ADD COLUMN completed_signed boolean,
        ADD CONSTRAINT kpi_application_facts_completion CHECK (
          (completed_at IS NULL) = (completed_working_days IS NULL)
          AND (completed_at IS NULL) = (completed_signed IS NULL))`);
    await q.query(`
      UPDATE kpi_application_facts f SET
        received_at = src.received_at,
        procedure_code = src.procedure_code,
        completed_at = CASE WHEN src.completed > 0 THEN src.result_ready_at END,
        completed_working_days = CASE WHEN src.completed > 0 THEN src.working_days END,
        completed_signed = CASE WHEN src.completed > 0 THEN src.signed > 0 END
      FROM (
        SELECT g.application_id, a.received_at, a.procedure_code, a.result_ready_at, c.*
        FROM kpi_application_facts g JOIN applications a ON a.id = g.application_id,
        LATERAL (
          SELECT coalesce(sum((x->>'n')::int) FILTER (WHERE x->>'counter' = 'completed'), 0) AS completed,
                 coalesce(sum((x->>'n')::int) FILTER (WHERE x->>'counter' = 'completed_working_days'), 0) AS working_days,
                 coalesce(sum((x->>'n')::int) FILTER (WHERE x->>'counter' = 'completed_signed'), 0) AS signed
          FROM jsonb_array_elements(g.contributions) x) c
      ) src
      WHERE src.application_id = f.application_id`);
    await q.query(`
      CREATE INDEX kpi_application_facts_completed ON kpi_application_facts (received_at)
      INCLUDE (completed_at, department_id, procedure_code, channel, completed_working_days, completed_signed)
      WHERE completed_at IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX kpi_application_facts_completed`);
    await q.query(`
      ALTER TABLE kpi_application_facts
        DROP CONSTRAINT kpi_application_facts_completion,
        DROP COLUMN received_at, DROP COLUMN procedure_code, DROP COLUMN completed_at,
        DROP COLUMN completed_working_days, DROP COLUMN completed_signed`);
  }
}
