import type { Client } from 'pg';

/**
 * The plans of the jobs' main queries. The statements are not copied: each is captured from
 * the repository method the job calls, run against a recording stand-in of the DataSource (or
 * of a transaction's manager), then EXPLAINed with its parameters on the bench database.
 */
export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/** A DataSource / EntityManager stand-in that records every query and answers no rows. */
export function queryRecorder(): { manager: never; calls: CapturedQuery[] } {
  const calls: CapturedQuery[] = [];
  const manager = {
    query: async (sql: string, params: unknown[] = []) => {
      calls.push({ sql, params });
      return [];
    },
  };
  return { manager: manager as never, calls };
}

/** The first query `call` sends through the recorder it is given. */
export async function captureQuery(
  call: (manager: never) => Promise<unknown>,
): Promise<CapturedQuery> {
  const recorder = queryRecorder();
  await call(recorder.manager).catch(() => undefined); // the stand-in's empty answer may not fit
  if (recorder.calls.length === 0) {
    throw new Error('the repository method sent no query');
  }
  return recorder.calls[0];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

export interface PlanFindings {
  /** Relations read by a sequential scan (partitions included, by their own name). */
  seqScans: string[];
  /** Indexes the plan uses. */
  indexes: string[];
}

/** Walks an `EXPLAIN (FORMAT JSON)` answer: which relations are scanned whole, which indexes serve. */
export function planFindings(explainJson: unknown): PlanFindings {
  const seqScans = new Set<string>();
  const indexes = new Set<string>();
  const visit = (node: PlanNode) => {
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) {
      seqScans.add(node['Relation Name']);
    }
    if (node['Index Name']) {
      indexes.add(node['Index Name']);
    }
    for (const child of node.Plans ?? []) {
      visit(child);
    }
  };
  const root = (explainJson as Array<{ Plan: PlanNode }>)[0]?.Plan;
  if (!root) {
    throw new Error('not an EXPLAIN (FORMAT JSON) answer');
  }
  visit(root);
  return { seqScans: [...seqScans].sort(), indexes: [...indexes].sort() };
}

/**
 * Tables a job query must never read whole at 10 M: applications and everything that grows
 * with them or with time. Small tables (users, procedures, departments) may be scanned.
 */
export const LARGE_TABLES = [
  /^applications$/,
  /^kpi_k1_segments$/,
  /^kpi_application_facts$/,
  /^kpi_daily_rollups$/,
  /^application_history(_.*)?$/,
  /^outbox_events(_.*)?$/,
  /^consumed_events(_.*)?$/,
  /^idempotency_keys$/,
  /^notifications$/,
  /^deadline_alerts$/,
  /^escalations$/,
  /^portal_sync_records$/,
];

export function planVerdict(findings: PlanFindings): { ok: boolean; text: string } {
  const bad = findings.seqScans.filter((t) => LARGE_TABLES.some((re) => re.test(t)));
  const uses = findings.indexes.length > 0 ? `index ${findings.indexes.join(', ')}` : 'no index';
  return bad.length > 0
    ? { ok: false, text: `SEQ SCAN on ${bad.join(', ')} (${uses})` }
    : { ok: true, text: uses };
}

export interface ExplainedQuery {
  job: string;
  name: string;
  findings: PlanFindings;
  verdict: { ok: boolean; text: string };
  text: string;
}

export async function explain(
  db: Client,
  job: string,
  name: string,
  query: CapturedQuery,
): Promise<ExplainedQuery> {
  const json = await db.query<{ 'QUERY PLAN': unknown }>(
    `EXPLAIN (FORMAT JSON) ${query.sql}`,
    query.params,
  );
  const text = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.sql}`, query.params);
  const findings = planFindings(json.rows[0]['QUERY PLAN']);
  return {
    job,
    name,
    findings,
    verdict: planVerdict(findings),
    text: text.rows.map((r) => r['QUERY PLAN']).join('\n'),
  };
}
