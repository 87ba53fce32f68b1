import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * K5.1 (sync rate) and the sync lag without scanning a period's applications or records
 * (a year at 10 M applications took 14 s):
 *
 * - portal_sync_backlog: the applications whose current version the portal has not yet
 *   acknowledged, kept by a trigger on applications (every insert and version change) and
 *   emptied by the acknowledgement. Acknowledged in a period = received − its backlog rows,
 *   exactly the former `acked_version >= applications.version`, and the backlog stays small
 *   while the sync keeps up.
 * - portal_sync_lag_daily: acknowledged changes and their lag summed by local day of the
 *   change and lead department, written by the same statement that acknowledges the records.
 */
export class PortalSyncFigures17646050000000 implements MigrationInterface {
  name = 'PortalSyncFigures17646050000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portal_sync_backlog (
        application_id uuid PRIMARY KEY,
        version integer NOT NULL,
        department_id uuid NOT NULL,
        received_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX portal_sync_backlog_received ON portal_sync_backlog (received_at) INCLUDE (department_id)`,
    );
    await q.query(`
      CREATE FUNCTION portal_sync_backlog_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO portal_sync_backlog (application_id, version, department_id, received_at)
        VALUES (NEW.id, NEW.version, NEW.department_id, NEW.received_at)
        ON CONFLICT (application_id) DO UPDATE SET
          version = greatest(portal_sync_backlog.version, EXCLUDED.version),
          department_id = EXCLUDED.department_id, received_at = EXCLUDED.received_at;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER portal_sync_backlog_follow AFTER INSERT OR UPDATE OF version ON applications
      FOR EACH ROW EXECUTE FUNCTION portal_sync_backlog_follow()`);
    await q.query(`
      INSERT INTO portal_sync_backlog (application_id, version, department_id, received_at)
      SELECT a.id, a.version, a.department_id, a.received_at
      FROM applications a LEFT JOIN portal_sync_states s ON s.application_id = a.id
      WHERE s.acked_version IS NULL OR s.acked_version < a.version`);

    await q.query(`
      CREATE TABLE portal_sync_lag_daily (
        day date NOT NULL,
        department_id uuid NOT NULL,
        acknowledged integer NOT NULL,
        lag_total_seconds double precision NOT NULL,
        lag_max_seconds double precision NOT NULL,
        PRIMARY KEY (day, department_id)
      )`);
    await q.query(`
      INSERT INTO portal_sync_lag_daily (day, department_id, acknowledged, lag_total_seconds, lag_max_seconds)
      SELECT (r.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, a.department_id, count(*),
             sum(extract(epoch FROM r.acknowledged_at - r.occurred_at)),
             max(extract(epoch FROM r.acknowledged_at - r.occurred_at))
      FROM portal_sync_records r JOIN applications a ON a.id = r.application_id
      WHERE r.state = 'acknowledged'
      GROUP BY 1, 2`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE portal_sync_lag_daily`);
    await q.query(`DROP TRIGGER portal_sync_backlog_follow ON applications`);
    await q.query(`DROP FUNCTION portal_sync_backlog_follow()`);
    await q.query(`DROP TABLE portal_sync_backlog`);
  }
}
