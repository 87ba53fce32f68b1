import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables that grow with time, partitioned by local month (issue 14): outbox_events by
 * occurred_at, consumed_events by the time its event occurred (a new column, so that a
 * redelivered event always meets its first record in the same partition: the key stays
 * unique per event), application_history by at. Old outbox and consumed months are dropped
 * whole by the nightly housekeeping past their retention, instead of deleted row by row; the
 * history is the legal record and is never dropped. A DEFAULT partition catches rows of a month
 * that has no partition yet (the housekeeping creates them three months ahead), so an insert
 * never fails for want of a partition.
 *
 * Each table is converted by copying: rename, create the partitioned table LIKE it (columns,
 * defaults, NOT NULL and CHECK constraints, identity), recreate its other indexes, foreign keys
 * and triggers from the catalog as they are when the migration runs, copy the rows, drop the
 * old table. The primary key gains the partition key (PostgreSQL requires it). applications is
 * not partitioned: its reads go by id and by open status, which a month key would not serve.
 */
interface Conversion {
  table: string;
  partitionKey: string;
  primaryKey: string[];
  /** Extra column definitions of the new table (the partition key may be one). */
  addColumns?: string;
  /** The SELECT list that fills the new table from the old one (`o` is the old table). */
  copy?: (columns: string[]) => { insert: string; select: string };
}

const CONVERSIONS: Conversion[] = [
  { table: 'outbox_events', partitionKey: 'occurred_at', primaryKey: ['id', 'occurred_at'] },
  {
    table: 'consumed_events',
    partitionKey: 'event_occurred_at',
    primaryKey: ['consumer', 'event_id', 'event_occurred_at'],
    addColumns: 'event_occurred_at timestamptz NOT NULL',
    // The event's own time when its outbox row is still there, else when it was consumed.
    copy: (columns) => ({
      insert: `${columns.join(', ')}, event_occurred_at`,
      select: `${columns.map((c) => `o.${c}`).join(', ')},
        coalesce((SELECT e.occurred_at FROM outbox_events e WHERE e.id = o.event_id LIMIT 1), o.consumed_at)`,
    }),
  },
  { table: 'application_history', partitionKey: 'at', primaryKey: ['id', 'at'] },
];

/** Months ahead of the current one that get a partition at once (and nightly after). */
const MONTHS_AHEAD = 3;

export class MonthlyPartitions17646800000000 implements MigrationInterface {
  name = 'MonthlyPartitions17646800000000';

  public async up(q: QueryRunner): Promise<void> {
    // One definition of a month partition (name, local bounds, the record's TRUNCATE guard),
    // used here and by the housekeeping job that creates partitions ahead.
    await q.query(`
      CREATE FUNCTION motcua_ensure_month_partition(parent text, month date) RETURNS boolean
      LANGUAGE plpgsql AS $$
      DECLARE
        first date := date_trunc('month', month)::date;
        part text := parent || '_p' || to_char(first, 'YYYYMM');
      BEGIN
        IF to_regclass(part) IS NOT NULL THEN
          RETURN false;
        END IF;
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, parent,
          first::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh',
          (first + interval '1 month')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh');
        -- A TRUNCATE of one partition does not fire the parent's statement trigger.
        IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = parent::regclass
                   AND tgname = parent || '_no_truncate') THEN
          EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION record_append_only()',
            part || '_no_truncate', part);
        END IF;
        RETURN true;
      END $$`);
    for (const conversion of CONVERSIONS) {
      await this.convert(q, conversion);
    }
  }

  private async convert(q: QueryRunner, c: Conversion): Promise<void> {
    const old = `${c.table}_unpartitioned`;
    const columns: Array<{ name: string }> = await q.query(
      `SELECT attname AS name FROM pg_attribute
       WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [c.table],
    );
    // What to rebuild, read from the catalog before the rename (their text names the table).
    const indexes: Array<{ name: string; def: string }> = await q.query(
      `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
       WHERE x.indrelid = $1::regclass AND NOT x.indisprimary`,
      [c.table],
    );
    const foreignKeys: Array<{ name: string; def: string }> = await q.query(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE conrelid = $1::regclass AND contype = 'f'`,
      [c.table],
    );
    const triggers: Array<{ def: string }> = await q.query(
      `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger
       WHERE tgrelid = $1::regclass AND NOT tgisinternal`,
      [c.table],
    );
    const allIndexes: Array<{ name: string }> = await q.query(
      `SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
       WHERE x.indrelid = $1::regclass`,
      [c.table],
    );

    await q.query(`ALTER TABLE ${c.table} RENAME TO ${old}`);
    for (const index of allIndexes) {
      await q.query(`ALTER INDEX ${index.name} RENAME TO ${index.name}_unpartitioned`);
    }
    await q.query(`
      CREATE TABLE ${c.table} (
        LIKE ${old} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY
        ${c.addColumns ? `, ${c.addColumns}` : ''}
      ) PARTITION BY RANGE (${c.partitionKey})`);
    await q.query(
      `ALTER TABLE ${c.table} ADD CONSTRAINT ${c.table}_pkey PRIMARY KEY (${c.primaryKey.join(', ')})`,
    );
    // Triggers first: the month partitions created below copy the record's TRUNCATE guard.
    for (const trigger of triggers) {
      await q.query(trigger.def);
    }
    await q.query(`CREATE TABLE ${c.table}_default PARTITION OF ${c.table} DEFAULT`);
    if (triggers.some((t) => t.def.includes(`${c.table}_no_truncate`))) {
      await q.query(
        `CREATE TRIGGER ${c.table}_default_no_truncate BEFORE TRUNCATE ON ${c.table}_default
         FOR EACH STATEMENT EXECUTE FUNCTION record_append_only()`,
      );
    }
    // A partition for every month that holds rows, and the months ahead.
    const key = c.table === 'consumed_events' ? 'consumed_at' : c.partitionKey;
    await q.query(
      `SELECT motcua_ensure_month_partition($1, m::date)
       FROM generate_series(
         date_trunc('month', least(now(), (SELECT min(${key}) FROM ${old})) AT TIME ZONE 'Asia/Ho_Chi_Minh'),
         date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') + interval '${MONTHS_AHEAD} months',
         interval '1 month') m`,
      [c.table],
    );
    const names = columns.map((col) => col.name);
    const { insert, select } = c.copy?.(names) ?? {
      insert: names.join(', '),
      select: names.map((n) => `o.${n}`).join(', '),
    };
    const identity = names.includes('id') && c.table === 'application_history';
    await q.query(
      `INSERT INTO ${c.table} (${insert}) ${identity ? 'OVERRIDING SYSTEM VALUE' : ''}
       SELECT ${select} FROM ${old} o`,
    );
    if (identity) {
      await q.query(
        `SELECT setval(pg_get_serial_sequence('${c.table}', 'id'),
                       coalesce((SELECT max(id) FROM ${c.table}), 0) + 1, false)`,
      );
    }
    // Indexes and foreign keys after the copy: built and checked once, not row by row.
    for (const index of indexes) {
      await q.query(index.def);
    }
    for (const fk of foreignKeys) {
      await q.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${fk.name} ${fk.def}`);
    }
    await q.query(`DROP TABLE ${old}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // Back to plain tables, by copying the other way; the event time column goes.
    const plainKeys: Record<string, string[]> = {
      outbox_events: ['id'],
      consumed_events: ['consumer', 'event_id'],
      application_history: ['id'],
    };
    for (const c of [...CONVERSIONS].reverse()) {
      const part = `${c.table}_partitioned`;
      const indexes: Array<{ def: string }> = await q.query(
        `SELECT pg_get_indexdef(x.indexrelid) AS def FROM pg_index x
         WHERE x.indrelid = $1::regclass AND NOT x.indisprimary`,
        [c.table],
      );
      const foreignKeys: Array<{ name: string; def: string }> = await q.query(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
         WHERE conrelid = $1::regclass AND contype = 'f' AND conparentid = 0`,
        [c.table],
      );
      const triggers: Array<{ def: string }> = await q.query(
        `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger
         WHERE tgrelid = $1::regclass AND NOT tgisinternal AND tgparentid = 0`,
        [c.table],
      );
      const allIndexes: Array<{ name: string }> = await q.query(
        `SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         WHERE x.indrelid = $1::regclass`,
        [c.table],
      );
      await q.query(`ALTER TABLE ${c.table} RENAME TO ${part}`);
      for (const index of allIndexes) {
        await q.query(`ALTER INDEX ${index.name} RENAME TO ${index.name}_partitioned`);
      }
      await q.query(
        `CREATE TABLE ${c.table} (LIKE ${part} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY)`,
      );
      if (c.table === 'consumed_events') {
        await q.query(`ALTER TABLE consumed_events DROP COLUMN event_occurred_at`);
      }
      await q.query(
        `ALTER TABLE ${c.table} ADD CONSTRAINT ${c.table}_pkey PRIMARY KEY (${plainKeys[c.table].join(', ')})`,
      );
      const columns: Array<{ name: string }> = await q.query(
        `SELECT attname AS name FROM pg_attribute
         WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
        [c.table],
      );
      const names = columns.map((col) => col.name).join(', ');
      await q.query(
        `INSERT INTO ${c.table} (${names}) ${c.table === 'application_history' ? 'OVERRIDING SYSTEM VALUE' : ''}
         SELECT ${names} FROM ${part} ON CONFLICT DO NOTHING`,
      );
      if (c.table === 'application_history') {
        await q.query(
          `SELECT setval(pg_get_serial_sequence('application_history', 'id'),
                         coalesce((SELECT max(id) FROM application_history), 0) + 1, false)`,
        );
      }
      await q.query(`DROP TABLE ${part}`);
      for (const index of indexes) {
        await q.query(index.def);
      }
      for (const fk of foreignKeys) {
        await q.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${fk.name} ${fk.def}`);
      }
      for (const trigger of triggers) {
        await q.query(trigger.def);
      }
    }
    await q.query(`DROP FUNCTION motcua_ensure_month_partition(text, date)`);
  }
}
