import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trace an outbox event was written in (W3C traceparent, as a JSON carrier), so the
 * relay and the jobs it causes continue the request's trace. Null while tracing is off. A
 * nullable column without default: added without rewriting the table.
 */
export class OutboxTraceContext1764570000000 implements MigrationInterface {
  name = 'OutboxTraceContext1764570000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_events ADD COLUMN trace_context text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_events DROP COLUMN trace_context`);
  }
}
