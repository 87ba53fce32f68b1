import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nightly security retention in bounded batches (issue 14): expired refresh tokens are
 * found through an index on expires_at (the purge scanned the whole table, which grows with
 * every token rotation), and the audit purge takes an optional limit, so the first night after
 * a long pause or a shortened retention deletes a batch per transaction instead of every old
 * row at once. Each batch appends its own anchor row: the chain still verifies.
 */
export class SecurityRetentionBatches17647000000001 implements MigrationInterface {
  name = 'SecurityRetentionBatches17647000000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at)`);
    await q.query(`DROP FUNCTION security_audit_purge(timestamptz, timestamptz)`);
    await q.query(purgeFunction(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION security_audit_purge(timestamptz, timestamptz, bigint)`);
    await q.query(purgeFunction(false));
    await q.query(`DROP INDEX refresh_tokens_expires`);
  }
}

/** The purge of 1764520000000, with (limited) or without the p_limit cap. */
function purgeFunction(limited: boolean): string {
  return `
    CREATE FUNCTION security_audit_purge(p_before timestamptz, p_now timestamptz${limited ? ', p_limit bigint DEFAULT NULL' : ''})
    RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE
      through bigint;
      through_hash bytea;
      purged bigint;${limited ? '\n      capped bigint;' : ''}
    BEGIN
      PERFORM 1 FROM security_audit_head WHERE singleton FOR UPDATE;
      SELECT coalesce(min(id) - 1, (SELECT last_id FROM security_audit_head))
        INTO through FROM security_audit_log WHERE occurred_at >= p_before;${
          limited
            ? `
      IF p_limit IS NOT NULL THEN
        SELECT id INTO capped FROM security_audit_log WHERE id <= through
        ORDER BY id OFFSET p_limit - 1 LIMIT 1;
        IF capped IS NOT NULL THEN
          through := capped;
        END IF;
      END IF;`
            : ''
        }
      SELECT hash INTO through_hash FROM security_audit_log WHERE id = through;
      IF through_hash IS NULL THEN
        RETURN 0;
      END IF;
      PERFORM set_config('motcua.audit_purge_through', through::text, true);
      DELETE FROM security_audit_log WHERE id <= through;
      GET DIAGNOSTICS purged = ROW_COUNT;
      PERFORM set_config('motcua.audit_purge_through', '', true);
      PERFORM security_audit_append(p_now, 'audit.purged', NULL, NULL, NULL, NULL,
        jsonb_build_object('throughId', through, 'lastHash', encode(through_hash, 'hex'),
          'purged', purged, 'before', p_before));
      RETURN purged;
    END $$`;
}
