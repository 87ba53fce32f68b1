import type { Client } from 'pg';

export interface RestoreCheck {
  target: string;
  ok: boolean;
  problems: string[];
  applications: number;
  outboxEvents: number;
  /** Per agency, the codes handed out are exactly the applications there: no hole, no extra. */
  codesGapFree: boolean;
  /** Acknowledged before the target, yet absent. */
  missing: number;
  /** Begun after the target, yet present. */
  unexpected: number;
  /** Acknowledged, absent, and allowed to be (after the target). */
  lostAfterTarget: number;
  /** For a lost primary: from the oldest lost acknowledged intake to the crash. */
  rpoSeconds: number | null;
  rtoSeconds: number;
}

interface Intake {
  issuedAt: number;
  ackedAt?: number;
}

/**
 * What a restored database must show: every application with its first history row and its
 * outbox event (one transaction wrote the three), codes gap-free per agency (the counter and
 * the rows agree, so no transaction in the middle was lost), and the intakes the target says.
 */
export async function checkRestored(
  client: Client,
  options: {
    target: 'restore point' | 'end of archive';
    intakes: ReadonlyMap<string, Intake>;
    mustHave: (intake: Intake) => boolean;
    mustNotHave: (intake: Intake) => boolean;
    crashAt: number;
    rtoSeconds: number;
  },
): Promise<RestoreCheck> {
  const problems: string[] = [];
  const one = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0].n);
  const applications = await one(`SELECT count(*) AS n FROM applications`);
  const outboxEvents = await one(`SELECT count(*) AS n FROM outbox_events`);
  const withoutEvent = await one(
    `SELECT count(*) AS n FROM applications a
     WHERE NOT EXISTS (SELECT 1 FROM outbox_events e WHERE e.aggregate_id = a.id)`,
  );
  const withoutHistory = await one(
    `SELECT count(*) AS n FROM applications a
     WHERE NOT EXISTS (SELECT 1 FROM application_history h WHERE h.application_id = a.id)`,
  );
  const orphanEvents = await one(
    `SELECT count(*) AS n FROM outbox_events e
     WHERE NOT EXISTS (SELECT 1 FROM applications a WHERE a.id = e.aggregate_id)`,
  );
  const codeMismatches = await one(
    `SELECT count(*) AS n FROM (
       SELECT c.agency_code FROM application_code_counters c GROUP BY c.agency_code
       HAVING sum(c.last_value) <> (SELECT count(*) FROM applications a WHERE a.agency_code = c.agency_code)
     ) m`,
  );
  if (withoutEvent + withoutHistory + orphanEvents > 0) {
    problems.push(
      `${withoutEvent} without outbox event, ${withoutHistory} without history, ${orphanEvents} orphan events`,
    );
  }
  if (codeMismatches > 0) {
    problems.push(`${codeMismatches} agencies whose codes have holes or extras`);
  }
  // Writes still work: the restored cluster is a primary again.
  await client.query(`CREATE TEMP TABLE drill_write_check (x int); DROP TABLE drill_write_check`);

  const { rows } = await client.query<{ id: string }>(`SELECT id::text FROM outbox_events`);
  const present = new Set(rows.map((r) => r.id));
  let missing = 0;
  let unexpected = 0;
  let lostAfterTarget = 0;
  let oldestLostAck = Number.POSITIVE_INFINITY;
  for (const [id, intake] of options.intakes) {
    const there = present.has(id);
    if (!there && options.mustHave(intake)) {
      missing += 1;
    }
    if (there && options.mustNotHave(intake)) {
      unexpected += 1;
    }
    if (!there && intake.ackedAt !== undefined) {
      lostAfterTarget += options.mustHave(intake) ? 0 : 1;
      oldestLostAck = Math.min(oldestLostAck, intake.ackedAt);
    }
  }
  if (missing > 0) {
    problems.push(`${missing} acknowledged before the target are missing`);
  }
  if (unexpected > 0) {
    problems.push(`${unexpected} begun after the target are present`);
  }
  const rpoSeconds =
    options.target === 'end of archive'
      ? Number.isFinite(oldestLostAck)
        ? (options.crashAt - oldestLostAck) / 1000
        : 0
      : null;
  return {
    target: options.target,
    ok: problems.length === 0,
    problems,
    applications,
    outboxEvents,
    codesGapFree: codeMismatches === 0,
    missing,
    unexpected,
    lostAfterTarget,
    rpoSeconds,
    rtoSeconds: options.rtoSeconds,
  };
}
