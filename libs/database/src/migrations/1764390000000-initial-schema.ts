import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The core schema: catalog (departments, versioned procedures), users, the working-day
 * calendar overrides, applications with their append-only history, supplements, apologies,
 * idempotency keys and the transactional outbox. Times are timestamptz; the business time
 * zone (Asia/Ho_Chi_Minh) is applied in the domain library, never by the server setting.
 */
export class InitialSchema1764390000000 implements MigrationInterface {
  name = 'InitialSchema1764390000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE departments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        agency_code text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);

    await q.query(`
      CREATE TABLE procedures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        version integer NOT NULL,
        is_current boolean NOT NULL DEFAULT true,
        name text NOT NULL,
        department_id uuid NOT NULL REFERENCES departments(id),
        time_limit_value integer NOT NULL CHECK (time_limit_value >= 0),
        time_limit_unit text NOT NULL CHECK (time_limit_unit IN ('working_days', 'hours', 'calendar_days', 'months')),
        online_level text NOT NULL CHECK (online_level IN ('full', 'partial', 'none')),
        fee_vnd bigint NOT NULL DEFAULT 0 CHECK (fee_vnd >= 0),
        eligible_full_online boolean NOT NULL DEFAULT false,
        on_national_portal boolean NOT NULL DEFAULT false,
        source text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (code, version)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX procedures_current_code ON procedures (code) WHERE is_current`,
    );
    await q.query(
      `CREATE INDEX procedures_department ON procedures (department_id) WHERE is_current`,
    );

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        full_name text NOT NULL,
        email text,
        role text NOT NULL CHECK (role IN ('admin', 'reception', 'officer', 'head', 'director')),
        department_id uuid REFERENCES departments(id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role NOT IN ('officer', 'head') OR department_id IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE calendar_overrides (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('day_off', 'working_day')),
        reason text NOT NULL,
        source text NOT NULL,
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Gap-free daily sequence per agency: the row is locked until the intake commits,
    // so a rolled-back intake gives its number back.
    await q.query(`
      CREATE TABLE application_code_counters (
        agency_code text NOT NULL,
        day date NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (agency_code, day)
      )`);

    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        agency_code text NOT NULL,
        department_id uuid NOT NULL REFERENCES departments(id),
        procedure_id uuid NOT NULL REFERENCES procedures(id),
        procedure_code text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('direct', 'online', 'postal')),
        status text NOT NULL CHECK (status IN ('submitted', 'received', 'not_accepted', 'processing',
          'supplement_requested', 'payment_required', 'withdrawal_requested', 'stopped', 'result_ready',
          'result_returned')),
        applicant_full_name text NOT NULL,
        applicant_id_number text NOT NULL,
        applicant_phone text NOT NULL,
        applicant_email text,
        applicant_address text,
        search_text text NOT NULL,
        documents jsonb NOT NULL DEFAULT '[]',
        note text,
        submitted_at timestamptz,
        received_at timestamptz,
        due_at timestamptz,
        original_due_at timestamptz,
        paused_due_at timestamptz,
        supplement_requested_at timestamptz,
        supplement_completed_at timestamptz,
        supplement_count integer NOT NULL DEFAULT 0,
        apology_count integer NOT NULL DEFAULT 0,
        payment_requested_at timestamptz,
        withdrawal_requested_at timestamptz,
        result_ready_at timestamptz,
        returned_at timestamptz,
        stopped_at timestamptz,
        stop_reason text,
        result_delivery_channel text CHECK (result_delivery_channel IN ('direct', 'online', 'postal')),
        assigned_officer_id uuid REFERENCES users(id),
        received_by uuid REFERENCES users(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX applications_received_at ON applications (received_at, id)`);
    await q.query(
      `CREATE INDEX applications_department_received ON applications (department_id, received_at, id)`,
    );
    await q.query(`CREATE INDEX applications_status ON applications (status)`);
    await q.query(
      `CREATE INDEX applications_assigned_officer ON applications (assigned_officer_id) WHERE assigned_officer_id IS NOT NULL`,
    );
    // Sweeps and worklists look only at open applications: a partial index keeps them cheap.
    await q.query(`
      CREATE INDEX applications_open_due ON applications (due_at, id)
      WHERE status IN ('received', 'processing', 'supplement_requested', 'payment_required', 'withdrawal_requested')`);
    await q.query(
      `CREATE INDEX applications_search ON applications USING gin (search_text gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE application_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        at timestamptz NOT NULL,
        actor_id uuid REFERENCES users(id),
        actor_role text,
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        note text,
        payload jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(
      `CREATE INDEX application_history_application ON application_history (application_id, id)`,
    );
    // History is a legal record: rows are appended, never changed.
    await q.query(`
      CREATE FUNCTION forbid_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'application_history is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER application_history_append_only BEFORE UPDATE OR DELETE ON application_history
      FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);

    await q.query(`
      CREATE TABLE application_supplements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        requested_at timestamptz NOT NULL,
        requested_by uuid REFERENCES users(id),
        items jsonb NOT NULL DEFAULT '[]',
        reason text,
        completed_at timestamptz,
        completed_by uuid REFERENCES users(id)
      )`);
    await q.query(
      `CREATE INDEX application_supplements_application ON application_supplements (application_id)`,
    );

    await q.query(`
      CREATE TABLE apologies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        reason text NOT NULL,
        previous_due_at timestamptz NOT NULL,
        new_due_at timestamptz NOT NULL,
        responsible_department_id uuid NOT NULL REFERENCES departments(id),
        issued_by uuid REFERENCES users(id),
        issued_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX apologies_application ON apologies (application_id)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        key text NOT NULL,
        user_id uuid NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`);

    // Transactional outbox: written in the same transaction as the change it announces.
    // The id doubles as the BullMQ job id, so it never contains ':'.
    await q.query(`
      CREATE TABLE outbox_events (
        id uuid PRIMARY KEY,
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0
      )`);
    await q.query(
      `CREATE INDEX outbox_events_unpublished ON outbox_events (occurred_at) WHERE published_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'outbox_events',
      'idempotency_keys',
      'apologies',
      'application_supplements',
      'application_history',
      'applications',
      'application_code_counters',
      'calendar_overrides',
      'users',
      'procedures',
      'departments',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS forbid_history_change()`);
  }
}
