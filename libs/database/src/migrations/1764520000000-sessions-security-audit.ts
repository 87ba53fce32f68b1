import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9, credentials and sessions:
 * - users.token_version: every access token carries it; a change of role, department or
 *   active (trigger, whatever writes it) or of the password (the code) bumps it, which
 *   revokes every token issued before in every API process.
 * - refresh_tokens: rotating refresh tokens, stored as SHA-256 of the random value, grouped
 *   in families (one login); a reused rotated token revokes its family.
 * - security_audit_log: append-only, hash-chained security events. Rows are appended only by
 *   security_audit_append(), which takes the chain head's row lock, so appends are serialised
 *   and the chain stays linear; UPDATE, DELETE and TRUNCATE are refused by triggers, except the
 *   retention purge (security_audit_purge), which deletes the oldest rows and appends an anchor
 *   row recording the last purged row's id and hash.
 */
export class SessionsSecurityAudit1764520000000 implements MigrationInterface {
  name = 'SessionsSecurityAudit1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE users ADD COLUMN password_changed_at timestamptz`);
    await q.query(`
      CREATE FUNCTION users_bump_token_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.role IS DISTINCT FROM OLD.role
           OR NEW.department_id IS DISTINCT FROM OLD.department_id
           OR NEW.active IS DISTINCT FROM OLD.active THEN
          NEW.token_version := GREATEST(NEW.token_version, OLD.token_version + 1);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_token_version BEFORE UPDATE ON users
      FOR EACH ROW EXECUTE FUNCTION users_bump_token_version()`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        -- the account's token version at login: any later change ends the login too
        token_version integer NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(
      `CREATE INDEX refresh_tokens_user_live ON refresh_tokens (user_id) WHERE revoked_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE security_audit_log (
        id bigint PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        event text NOT NULL,
        actor_id uuid,
        actor_username text,
        subject text,
        address text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash bytea NOT NULL,
        hash bytea NOT NULL
      )`);
    await q.query(`CREATE INDEX security_audit_log_occurred ON security_audit_log (occurred_at)`);
    await q.query(`
      CREATE TABLE security_audit_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last_id bigint NOT NULL,
        last_hash bytea NOT NULL
      )`);
    await q.query(
      `INSERT INTO security_audit_head (singleton, last_id, last_hash) VALUES (true, 0, '\\x${'00'.repeat(32)}'::bytea)`,
    );
    // The one definition of a row's hash: the previous row's hash, then the row's content as
    // a JSON array (jsonb's text form is canonical: key order and spacing fixed), the time in
    // microseconds since the epoch (no time zone or format involved).
    await q.query(`
      CREATE FUNCTION security_audit_row_hash(
        prev bytea, id bigint, occurred_at timestamptz, event text, actor_id uuid,
        actor_username text, subject text, address text, details jsonb
      ) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
        SELECT sha256(prev || convert_to(jsonb_build_array(
          id, (extract(epoch FROM occurred_at) * 1000000)::bigint, event, actor_id,
          actor_username, subject, address, details)::text, 'UTF8'))
      $$`);
    await q.query(`
      CREATE FUNCTION security_audit_append(
        p_occurred_at timestamptz, p_event text, p_actor_id uuid, p_actor_username text,
        p_subject text, p_address text, p_details jsonb
      ) RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        head security_audit_head;
        new_hash bytea;
      BEGIN
        -- The head's row lock serialises appends until commit: one linear chain.
        SELECT * INTO head FROM security_audit_head WHERE singleton FOR UPDATE;
        new_hash := security_audit_row_hash(head.last_hash, head.last_id + 1, p_occurred_at,
          p_event, p_actor_id, p_actor_username, p_subject, p_address, p_details);
        INSERT INTO security_audit_log (id, occurred_at, event, actor_id, actor_username,
          subject, address, details, prev_hash, hash)
        VALUES (head.last_id + 1, p_occurred_at, p_event, p_actor_id, p_actor_username,
          p_subject, p_address, p_details, head.last_hash, new_hash);
        UPDATE security_audit_head SET last_id = head.last_id + 1, last_hash = new_hash
        WHERE singleton;
        RETURN head.last_id + 1;
      END $$`);
    await q.query(`
      CREATE FUNCTION security_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        purge_through text := current_setting('motcua.audit_purge_through', true);
      BEGIN
        IF TG_OP = 'DELETE' AND purge_through IS NOT NULL AND purge_through <> ''
           AND OLD.id <= purge_through::bigint THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'security_audit_log is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER security_audit_log_append_only BEFORE UPDATE OR DELETE ON security_audit_log
      FOR EACH ROW EXECUTE FUNCTION security_audit_refuse_change()`);
    await q.query(`
      CREATE TRIGGER security_audit_log_no_truncate BEFORE TRUNCATE ON security_audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION security_audit_refuse_change()`);
    // Retention: deletes the oldest rows, all older than p_before, and appends an anchor row
    // naming the last one purged and its hash, from which verification starts again.
    await q.query(`
      CREATE FUNCTION security_audit_purge(p_before timestamptz, p_now timestamptz)
      RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        through bigint;
        through_hash bytea;
        purged bigint;
      BEGIN
        PERFORM 1 FROM security_audit_head WHERE singleton FOR UPDATE;
        SELECT coalesce(min(id) - 1, (SELECT last_id FROM security_audit_head))
          INTO through FROM security_audit_log WHERE occurred_at >= p_before;
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
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION security_audit_purge(timestamptz, timestamptz)`);
    await q.query(`DROP TABLE security_audit_log`);
    await q.query(`DROP FUNCTION security_audit_refuse_change()`);
    await q.query(
      `DROP FUNCTION security_audit_append(timestamptz, text, uuid, text, text, text, jsonb)`,
    );
    await q.query(
      `DROP FUNCTION security_audit_row_hash(bytea, bigint, timestamptz, text, uuid, text, text, text, jsonb)`,
    );
    await q.query(`DROP TABLE security_audit_head`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TRIGGER users_token_version ON users`);
    await q.query(`DROP FUNCTION users_bump_token_version()`);
    await q.query(`ALTER TABLE users DROP COLUMN password_changed_at`);
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
