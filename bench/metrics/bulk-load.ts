import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Schema handling around a bulk load: indexes and key constraints are dropped before the
 * COPY and rebuilt after it (one sort per index instead of 10 M random B-tree inserts and
 * foreign-key look-ups), exactly as the migrations defined them (pg_get_indexdef and
 * pg_get_constraintdef). Triggers stay on: whatever they maintain (kpi_monthly_rollups follows
 * kpi_daily_rollups) is built the way production builds it.
 */
export interface SavedSchema {
  tables: string[];
  /** Plain indexes (not backing a constraint). */
  indexes: Array<{ table: string; name: string; definition: string }>;
  /** Primary keys, unique constraints and foreign keys on or into the tables. */
  constraints: Array<{ table: string; name: string; definition: string; kind: string }>;
}

export async function saveSchema(client: Client, tables: string[]): Promise<SavedSchema> {
  const { rows: indexes } = await client.query<SavedSchema['indexes'][number]>(
    `SELECT i.indrelid::regclass::text AS table, i.indexrelid::regclass::text AS name,
            pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  const { rows: constraints } = await client.query<SavedSchema['constraints'][number]>(
    `SELECT conrelid::regclass::text AS table, conname AS name,
            pg_get_constraintdef(oid) AS definition, contype AS kind
     FROM pg_constraint
     WHERE ((conrelid = ANY($1::regclass[]) AND contype IN ('p', 'u', 'f'))
        OR (confrelid = ANY($1::regclass[]) AND contype = 'f'))
       -- A partition's copy of its parent's key goes and comes back with the parent's.
       AND conparentid = 0`,
    [tables],
  );
  // A foreign key may be both "on" and "into" the tables: keep it once.
  const unique = [...new Map(constraints.map((c) => [`${c.table}.${c.name}`, c])).values()];
  return { tables, indexes, constraints: unique };
}

export async function dropSchema(client: Client, saved: SavedSchema): Promise<void> {
  const order = ['f', 'u', 'p'];
  const constraints = [...saved.constraints].sort(
    (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind),
  );
  for (const c of constraints) {
    await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${quote(c.name)}`);
  }
  for (const index of saved.indexes) {
    await client.query(`DROP INDEX ${index.name}`);
  }
}

/**
 * Rebuilds the indexes and keys on two connections (the two cores), biggest first, then the
 * foreign keys, each validated by one join instead of a look-up per row.
 */
export async function restoreSchema(
  clients: [Client, Client],
  saved: SavedSchema,
  log: (line: string) => void,
): Promise<void> {
  const work = [
    ...saved.indexes.map((i) => ({ name: i.name, sql: i.definition })),
    ...saved.constraints
      .filter((c) => c.kind !== 'f')
      .map((c) => ({
        name: c.name,
        sql: `ALTER TABLE ${c.table} ADD CONSTRAINT ${quote(c.name)} ${c.definition}`,
      })),
  ].sort((a, b) => weight(b.sql) - weight(a.sql));
  await Promise.all(
    clients.map(async (client) => {
      for (let job = work.shift(); job; job = work.shift()) {
        const started = Date.now();
        await client.query(job.sql);
        log(`  ${job.name} (${seconds(started)})`);
      }
    }),
  );
  for (const c of saved.constraints.filter((c) => c.kind === 'f')) {
    await clients[0].query(
      `ALTER TABLE ${c.table} ADD CONSTRAINT ${quote(c.name)} ${c.definition}`,
    );
  }
}

/** Streams COPY text chunks into `table` in the transaction that empties it (COPY FREEZE). */
export async function copyInto(
  client: Client,
  table: string,
  columns: string[],
  chunks: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  await client.query('BEGIN');
  try {
    // FREEZE writes the rows already frozen and all-visible: no vacuum pass over 10 M rows
    // afterwards, and index-only scans work at once. It needs the TRUNCATE in this transaction.
    await client.query(`TRUNCATE ${table}`);
    await pipeline(
      Readable.from(chunks, { objectMode: false }),
      client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FREEZE)`)),
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export function seconds(startedMs: number): string {
  return `${((Date.now() - startedMs) / 1000).toFixed(1)} s`;
}

/** GIN first, then composite B-trees: a rough order of build time. */
function weight(sql: string): number {
  return /USING gin/i.test(sql) ? 100 : (sql.match(/,/g)?.length ?? 0) + 1;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
