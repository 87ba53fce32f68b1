import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live figures count the open K1 segments holding now (`valid_from < now`): without
 * valid_from in the index every one of them was a heap fetch (49 k open at 10 M applications:
 * 130 ms warm, 340 ms cold); covering, it is an index-only scan in key order (17 ms).
 */
export class OpenSegmentsCovering17646050000002 implements MigrationInterface {
  name = 'OpenSegmentsCovering17646050000002';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX kpi_k1_segments_open_now`);
    await q.query(`
      CREATE INDEX kpi_k1_segments_open_now ON kpi_k1_segments (department_id, procedure_code, channel, late_from)
      INCLUDE (valid_from) WHERE category = 'open' AND valid_to IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX kpi_k1_segments_open_now`);
    await q.query(`
      CREATE INDEX kpi_k1_segments_open_now ON kpi_k1_segments (department_id, procedure_code, channel, late_from)
      WHERE category = 'open' AND valid_to IS NULL`);
  }
}
