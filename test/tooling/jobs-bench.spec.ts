import { historyRowsOf } from '../../bench/jobs/history';
import { captureQuery, planFindings, planVerdict } from '../../bench/jobs/plans';
import { formatMs, renderJobsReport } from '../../bench/jobs/report';

// bench:jobs' pure helpers (the bench itself needs the 10 M database: npm run bench:jobs).
describe('bench:jobs helpers', () => {
  const at = (iso: string) => new Date(iso);
  const app = {
    id: '00000000-0000-4000-8000-000000000001',
    channel: 'postal',
    receivedAt: at('2026-11-02T02:00:00Z'),
    originalDueAt: at('2026-11-10T10:00:00Z'),
    apologyCount: 1,
    supplementRequestedAt: null,
    paymentRequestedAt: null,
    withdrawalRequestedAt: null,
    resultReadyAt: at('2026-11-12T03:00:00Z'),
    returnedAt: at('2026-11-13T03:00:00Z'),
    stoppedAt: null,
    stopReason: null,
  };

  it('seeds the generator’s history lines in time order, apology two hours before the appointment', () => {
    const rows = historyRowsOf(app);
    expect(rows.map((r) => [r.action, r.at.toISOString(), r.toStatus])).toEqual([
      ['receive', '2026-11-02T02:00:00.000Z', 'received'],
      ['apologize', '2026-11-10T08:00:00.000Z', 'processing'],
      ['mark-result-ready', '2026-11-12T03:00:00.000Z', 'result_ready'],
      ['return-result', '2026-11-13T03:00:00.000Z', 'result_returned'],
    ]);
    expect(rows[3].payload).toEqual({ deliveryChannel: 'postal' });
    expect(rows.every((r) => r.applicationId === app.id)).toBe(true);
  });

  it('keeps the stop reason and writes no apology without one', () => {
    const rows = historyRowsOf({
      ...app,
      apologyCount: 0,
      resultReadyAt: null,
      returnedAt: null,
      withdrawalRequestedAt: at('2026-11-03T02:00:00Z'),
      stoppedAt: at('2026-11-04T02:00:00Z'),
      stopReason: 'withdrawn',
    });
    expect(rows.map((r) => r.action)).toEqual(['receive', 'request-withdrawal', 'stop']);
    expect(rows[2].payload).toEqual({ stopReason: 'withdrawn' });
  });

  it('finds sequential scans, indexes and rows read in a JSON plan, and judges large tables only', () => {
    const plan = [
      {
        Plan: {
          'Node Type': 'Nested Loop',
          Plans: [
            { 'Node Type': 'Seq Scan', 'Relation Name': 'users', 'Plan Rows': 40 },
            {
              'Node Type': 'Index Scan',
              'Relation Name': 'applications',
              'Index Name': 'applications_open_due',
              'Plan Rows': 500,
            },
          ],
        },
      },
    ];
    const findings = planFindings(plan);
    expect(findings).toEqual({
      seqScans: ['users'],
      indexes: ['applications_open_due'],
      reads: { users: 40, applications: 500 },
    });
    expect(planVerdict(findings)).toEqual({ ok: true, text: 'index applications_open_due' });
    const bad = planFindings([
      { Plan: { 'Node Type': 'Seq Scan', 'Relation Name': 'outbox_events_default' } },
    ]);
    expect(planVerdict(bad, { outbox_events_default: 250_000 })).toEqual({
      ok: false,
      text: 'SEQ SCAN on outbox_events_default (no index)',
    });
    // An empty table is scanned whole by any planner: said, not judged.
    expect(planVerdict(bad, { outbox_events_default: 0 })).toEqual({
      ok: true,
      text: 'no index; scans outbox_events_default (0 rows) whole: too small for an index to pay',
    });
    expect(() => planFindings({})).toThrow('EXPLAIN');
  });

  it('counts a parallel index scan over every application as a whole read', () => {
    const findings = planFindings([
      {
        Plan: {
          'Node Type': 'Gather Merge',
          'Workers Planned': 2,
          Plans: [
            {
              'Node Type': 'Index Only Scan',
              'Relation Name': 'applications',
              'Index Name': 'applications_received_at',
              'Parallel Aware': true,
              'Plan Rows': 4_000_000,
            },
          ],
        },
      },
    ]);
    expect(findings.reads).toEqual({ applications: 12_000_000 });
    expect(planVerdict(findings)).toEqual({
      ok: false,
      text: 'reads ~12,000,000 rows of applications (index applications_received_at)',
    });
  });

  it('captures the first statement a repository method sends, even when the empty answer breaks it', async () => {
    const query = await captureQuery(
      async (manager: { query: (s: string, p: unknown[]) => Promise<unknown[]> }) => {
        const rows = await manager.query('SELECT 1 WHERE $1', [true]);
        return (rows as Array<{ x: number }>)[0].x; // throws on the stand-in's []
      },
    );
    expect(query).toEqual({ sql: 'SELECT 1 WHERE $1', params: [true] });
    const viaRunner = await captureQuery(
      async (source: {
        createQueryRunner: () => { query: (s: string, p: unknown[]) => Promise<unknown> };
      }) => source.createQueryRunner().query('SELECT 2', []),
    );
    expect(viaRunner).toEqual({ sql: 'SELECT 2', params: [] });
    await expect(captureQuery(() => Promise.resolve())).rejects.toThrow('no query');
  });

  it('renders the table, flags a busy machine and prints plans only when asked', () => {
    const context = {
      date: new Date('2026-12-05T04:00:00Z'),
      machine: '2 cores',
      dataSet: '10 M',
      seeded: ['1 M outbox events'],
      loadAverage: { before: 3.2, after: 3.9 },
      notes: ['a note'],
    };
    const rows = [
      { job: 'housekeeping', schedule: 'nightly', touched: 'a | b', ms: 12_345, bounded: 'yes' },
      { job: 'period closing', schedule: 'nightly', touched: 'skipped', ms: null, bounded: '—' },
    ];
    const plans = [
      {
        job: 'housekeeping',
        name: 'batch',
        findings: { seqScans: [], indexes: ['i'], reads: {} },
        verdict: { ok: true, text: 'index i' },
        text: 'Index Scan using i',
      },
    ];
    const short = renderJobsReport(context, rows, plans, false);
    expect(short).toContain('| housekeeping | nightly | a / b | 12.3 s | yes |');
    expect(short).toContain('| period closing | nightly | skipped | — | — |');
    expect(short).toContain('| housekeeping | batch | OK: index i |');
    expect(short).toContain('the machine was busy');
    expect(short).not.toContain('Index Scan using i');
    expect(renderJobsReport(context, rows, plans, true)).toContain('Index Scan using i');
    expect([formatMs(4.25), formatMs(1234.4), formatMs(61_000)]).toEqual([
      '4.3 ms',
      '1,234 ms',
      '61.0 s',
    ]);
  });
});
