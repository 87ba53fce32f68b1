import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far each nightly job has got (issue 14): a night that was missed (worker down, Redis
 * down) is caught up by the next run, which starts after the last day done instead of at
 * "yesterday".
 */
export class MaintenanceWatermarks17645300000001 implements MigrationInterface {
  name = 'MaintenanceWatermarks17645300000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE maintenance_watermarks (
        job text PRIMARY KEY,
        done_through date NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE maintenance_watermarks`);
  }
}
