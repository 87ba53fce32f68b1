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
  const record = (sql: string, params: unknown[] = []) => {
    calls.push({ sql, params });
  };
  const manager = {
    query: (sql: string, params?: unknown[]) => {
      record(sql, params);
      return Promise.resolve([]);
    },
    // queryRows (libs/database) goes through a query runner of the DataSource.
    createQueryRunner: () => ({
      query: (sql: string, params?: unknown[]) => {
        record(sql, params);
        return Promise.resolve({ records: [] });
      },
      release: () => Promise.resolve(),
    }),
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
  'Plan Rows'?: number;
  'Parallel Aware'?: boolean;
  'Workers Planned'?: number;
  Plans?: PlanNode[];
}

export interface PlanFindings {
  /** Relations read by a sequential scan (partitions included, by their own name). */
  seqScans: string[];
  /** Indexes the plan uses. */
  indexes: string[];
  /** Estimated rows each scanned relation yields (all workers of a parallel scan together). */
  reads: Record<string, number>;
}

/** Walks an `EXPLAIN (FORMAT JSON)` answer: which relations are scanned whole, which indexes serve. */
export function planFindings(explainJson: unknown): PlanFindings {
  const seqScans = new Set<string>();
  const indexes = new Set<string>();
  const reads: Record<string, number> = {};
  const visit = (node: PlanNode, workers: number) => {
    const relation = node['Relation Name'];
    if (node['Node Type'] === 'Seq Scan' && relation) {
      seqScans.add(relation);
    }
    if (node['Index Name']) {
      indexes.add(node['Index Name']);
    }
    if (relation && node['Node Type'].includes('Scan')) {
      const rows = (node['Plan Rows'] ?? 0) * (node['Parallel Aware'] ? workers + 1 : 1);
      reads[relation] = Math.max(reads[relation] ?? 0, rows);
    }
    for (const child of node.Plans ?? []) {
      visit(child, node['Workers Planned'] ?? workers);
    }
  };
  const root = (explainJson as Array<{ Plan: PlanNode }>)[0]?.Plan;
  if (!root) {
    throw new Error('not an EXPLAIN (FORMAT JSON) answer');
  }
  visit(root, 0);
  return { seqScans: [...seqScans].sort(), indexes: [...indexes].sort(), reads };
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

/** Below this many rows a sequential scan is the planner's cheapest way, not a risk. */
export const SMALL_TABLE_ROWS = 10_000;
/** Tables that grow with every application ever received: a job reading this many is not bounded by its window. */
const PER_APPLICATION = /^(applications|kpi_application_facts|kpi_k1_segments)$/;
export const WHOLE_READ_ROWS = 1_000_000;

/**
 * NO when a large table holding at least SMALL_TABLE_ROWS rows is scanned sequentially, or when
 * the plan expects to read WHOLE_READ_ROWS or more of a per-application table (through an index
 * too: an index-only scan of every application is still work that grows with the total).
 */
export function planVerdict(
  findings: PlanFindings,
  tableRows: Record<string, number> = {},
): { ok: boolean; text: string } {
  const large = findings.seqScans.filter((t) => LARGE_TABLES.some((re) => re.test(t)));
  const bad = large.filter((t) => (tableRows[t] ?? Infinity) >= SMALL_TABLE_ROWS);
  const small = large.filter((t) => !bad.includes(t));
  const whole = Object.entries(findings.reads)
    .filter(([t, rows]) => PER_APPLICATION.test(t) && rows >= WHOLE_READ_ROWS)
    .map(([t, rows]) => `~${Math.round(rows).toLocaleString('en-US')} rows of ${t}`);
  const uses = findings.indexes.length > 0 ? `index ${findings.indexes.join(', ')}` : 'no index';
  const parts = [
    ...(bad.length > 0 ? [`SEQ SCAN on ${bad.join(', ')}`] : []),
    ...(whole.length > 0 ? [`reads ${whole.join(', ')}`] : []),
  ];
  const smallNote =
    small.length > 0
      ? `; scans ${small.map((t) => `${t} (${tableRows[t]} rows)`).join(', ')} whole: too small for an index to pay`
      : '';
  return parts.length > 0
    ? { ok: false, text: `${parts.join('; ')} (${uses})${smallNote}` }
    : { ok: true, text: `${uses}${smallNote}` };
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
  const tableRows: Record<string, number> = {};
  for (const table of findings.seqScans) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM "${table}" LIMIT ${SMALL_TABLE_ROWS}) s`,
    );
    tableRows[table] = rows[0].n;
  }
  return {
    job,
    name,
    findings,
    verdict: planVerdict(findings, tableRows),
    text: text.rows.map((r) => r['QUERY PLAN']).join('\n'),
  };
}
