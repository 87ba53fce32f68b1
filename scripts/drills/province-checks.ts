import { Client } from 'pg';
import { sleep } from '../../bench/intake/api-process';
import type { Known } from './province-load';

export interface ProvinceCheck {
  problems: string[];
  applications: number;
  history: number;
  outbox: number;
  relayLag: { p50: number; p99: number };
  kpiLag: { p50: number; p99: number };
  /** What kpi:rebuild said (it must change nothing). */
  rebuild: string;
}

const DRAIN_TIMEOUT_MS = 180_000;

/**
 * After the load: waits until the outbox is relayed and the KPI consumer is idle, then checks
 * that every acknowledged intake is there once, in the state its last acknowledged action left
 * it, with no action recorded twice, every event relayed, and roll-ups that a recomputation
 * (kpi:rebuild) does not change.
 */
export async function checkProvince(
  databaseUrl: string,
  options: {
    known: ReadonlyMap<string, Known>;
    intakeKeys: ReadonlyMap<string, string>;
    log: (line: string) => void;
    rebuild: () => Promise<string>;
  },
): Promise<ProvinceCheck> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const n = async (sql: string, params: unknown[] = []) =>
      Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
    const problems: string[] = [];

    // Drain: nothing left to relay, and the KPI consumer quiet for three seconds.
    const until = Date.now() + DRAIN_TIMEOUT_MS;
    let quiet = 0;
    let last = -1;
    while (Date.now() < until && quiet < 3) {
      const unpublished = await n(
        `SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`,
      );
      const consumed = await n(
        `SELECT count(*) AS n FROM consumed_events WHERE consumer = 'kpi-rollups'`,
      );
      quiet = unpublished === 0 && consumed === last ? quiet + 1 : 0;
      last = consumed;
      await sleep(1000);
    }
    if (quiet < 3) {
      problems.push(`the events did not drain within ${DRAIN_TIMEOUT_MS / 1000} s`);
    }

    const unanswered = [...options.intakeKeys.values()].filter((id) => id === '').length;
    if (unanswered > 0) {
      problems.push(`${unanswered} intakes never acknowledged`);
    }
    const applications = await n(`SELECT count(*) AS n FROM applications`);
    const history = await n(`SELECT count(*) AS n FROM application_history`);
    const outbox = await n(`SELECT count(*) AS n FROM outbox_events`);
    if (applications !== options.known.size) {
      problems.push(
        `${applications} applications in the database, ${options.known.size} acknowledged`,
      );
    }
    const { rows } = await db.query<{ id: string; status: string; version: number }>(
      `SELECT id::text, status, version FROM applications`,
    );
    const inDb = new Map(rows.map((r) => [r.id, r]));
    let lost = 0;
    let wrongState = 0;
    for (const app of options.known.values()) {
      const row = inDb.get(app.id);
      if (!row) {
        lost += 1;
      } else if (row.status !== app.status) {
        wrongState += 1;
      }
    }
    if (lost + wrongState > 0) {
      problems.push(
        `${lost} acknowledged applications lost, ${wrongState} not in their acknowledged state`,
      );
    }
    const doubled = await n(
      `SELECT count(*) AS n FROM (SELECT 1 FROM application_history GROUP BY application_id, action HAVING count(*) > 1) d`,
    );
    const eventsDiffer = await n(
      `SELECT count(*) AS n FROM applications a
       WHERE (SELECT count(*) FROM application_history h WHERE h.application_id = a.id)
          <> (SELECT count(*) FROM outbox_events e WHERE e.aggregate_id = a.id)`,
    );
    if (doubled + eventsDiffer > 0) {
      problems.push(
        `${doubled} actions recorded twice, ${eventsDiffer} applications whose events and history differ`,
      );
    }
    const unrelayed = await n(`SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`);
    const strayConsumed = await n(
      `SELECT count(*) AS n FROM consumed_events c
       WHERE NOT EXISTS (SELECT 1 FROM outbox_events e WHERE e.id = c.event_id)`,
    );
    if (unrelayed + strayConsumed > 0) {
      problems.push(
        `${unrelayed} events not relayed, ${strayConsumed} consumed events unknown to the outbox`,
      );
    }

    const lag = async (sql: string) => {
      const r = await db.query<{ p50: number | null; p99: number | null }>(sql);
      return { p50: Number(r.rows[0].p50 ?? Number.NaN), p99: Number(r.rows[0].p99 ?? Number.NaN) };
    };
    const relayLag = await lag(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM (SELECT extract(epoch FROM published_at - occurred_at) * 1000 AS ms FROM outbox_events) l`,
    );
    const kpiLag = await lag(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM (SELECT extract(epoch FROM consumed_at - event_occurred_at) * 1000 AS ms
             FROM consumed_events WHERE consumer = 'kpi-rollups') l`,
    );

    options.log('recomputing the roll-ups (kpi:rebuild)…');
    const rebuild = (await options.rebuild()).trim();
    const changed = /(\d+) changed/.exec(rebuild);
    if (!changed || Number(changed[1]) !== 0) {
      problems.push(`kpi:rebuild changed the roll-ups: ${rebuild}`);
    }
    return { problems, applications, history, outbox, relayLag, kpiLag, rebuild };
  } finally {
    await db.end();
  }
}
