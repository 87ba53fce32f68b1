import { cpus, totalmem } from 'node:os';
import Redis from 'ioredis';

// Issue 14's goal: at a rate of at least a sixth of the same run's BullMQ no-op ceiling, the
// intake achieves 99 % of the rate asked and the lag commit → roll-up stays under 250 ms at p99.
const TARGET_P99_MS = 250;
const TARGET_ACHIEVED = 0.99;
const TARGET_CEILING_SHARE = 1 / 6;

export interface EventsRun {
  rate: number;
  duration: number;
  poolSize: number;
  maxInFlight: number;
  pgVersion: string;
  workerMode: string;
  loadBefore: number;
  loadAfter: number;
  /** Every committed application, the warm-up's included. */
  committed: number;
  /** Committed in the measured window (issued after the warm-up). */
  measuredCommitted: number;
  /** Dropped in the measured window. */
  dropped: number;
  warmup: { seconds: number; committed: number; dropped: number };
  failed: number;
  intakeSeconds: number;
  relayedRate: number;
  appliedRate: number;
  relayedPeak: number;
  appliedPeak: number;
  endOfIntake: { published: number; applied: number };
  drainSeconds: number;
  unappliedAfterDrain: number;
  drainTimeoutSeconds: number;
  /** Sorted, ms: issue → committed of the measured window's intakes. */
  intakeLatencies: Float64Array;
  /** Sorted, ms: commit → roll-up transaction. */
  lags: Float64Array;
  /** Sorted, ms: commit → relay's claiming transaction. */
  relayLags: Float64Array;
  received: number;
  applicationRows: number;
  rollupsExact: boolean;
  /** The median of the ceiling runs (trials: each run's jobs/s). */
  noop: { perSecond: number; seconds: number; trials: number[] };
  noopJobs: number;
}

/** The bench:events table (markdown), as recorded in bench/README.md. */
export function renderEventsReport(r: EventsRun): string {
  const p99 = percentile(r.lags, 0.99);
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  const ms = (value: number) => (Number.isNaN(value) ? '—' : `${n(value)} ms`);
  const spread = (sorted: Float64Array) =>
    `${ms(percentile(sorted, 0.5))} / ${ms(percentile(sorted, 0.99))} / ${ms(sorted[sorted.length - 1] ?? NaN)}`;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const busy = r.loadBefore > cpus().length * 0.5;
  const achieved = r.intakeSeconds > 0 ? r.measuredCommitted / r.intakeSeconds : 0;
  const sixth = r.noop.perSecond * TARGET_CEILING_SHARE;
  return [
    `### events — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${r.pgVersion}. ` +
      `Intake: ${r.rate}/s for ${r.duration} s after ${r.warmup.seconds} s of warm-up at the same rate, through ApplicationRepository.insert on a bare pg Pool (${r.poolSize} connections, ≤ ${r.maxInFlight} in flight). ` +
      `Worker: ${r.workerMode}, WORKER_SCHEDULES=false.`,
    `Load average (1 min) before / after: ${r.loadBefore.toFixed(2)} / ${r.loadAfter.toFixed(2)}` +
      (busy ? ' — **the machine was busy with other work before the run started**.' : '.'),
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| warm-up, not counted below except in the roll-up check | ${r.warmup.seconds} s: ${n(r.warmup.committed)} committed, ${n(r.warmup.dropped)} dropped |`,
    `| intake achieved (target ${n(r.rate)}/s) | ${n(achieved)}/s = ${((100 * achieved) / r.rate).toFixed(1)} % (${n(r.measuredCommitted)} committed, ${n(r.dropped)} dropped at the in-flight cap, ${r.failed} failed) |`,
    `| intake latency issue → committed p50 / p99 / max (drops start past ${n((1000 * r.maxInFlight) / r.rate)} ms: ${r.maxInFlight} in flight ÷ rate) | ${spread(r.intakeLatencies)} |`,
    `| events/s relayed (outbox published, during intake; peak 1 s) | ${n(r.relayedRate)}/s; ${n(r.relayedPeak)}/s |`,
    `| events/s applied (KPI roll-ups, during intake; peak 1 s) | ${n(r.appliedRate)}/s; ${n(r.appliedPeak)}/s |`,
    `| backlog at end of intake (published / applied behind) | ${n(r.committed - r.endOfIntake.published)} / ${n(r.committed - r.endOfIntake.applied)} |`,
    `| drain after intake stopped | ${r.drainSeconds.toFixed(1)} s${r.unappliedAfterDrain > 0 ? ` — NOT drained: ${n(r.unappliedAfterDrain)} still unapplied (bounded at ${r.drainTimeoutSeconds} s)` : ''} |`,
    `| lag commit → relayed p50 / p99 / max | ${spread(r.relayLags)} |`,
    `| lag commit → roll-up applied p50 / p99 / max (${n(r.lags.length)} events) | ${spread(r.lags)} |`,
    `| roll-ups exact: sum(received) = applications | ${n(r.received)} vs ${n(r.committed)} (${n(r.applicationRows)} rows): ${r.rollupsExact ? 'OK' : 'MISMATCH'} |`,
    `| BullMQ no-op ceiling (Queue + Worker c=16, addBulk ${n(r.noopJobs)}; median of ${r.noop.trials.length} runs) | ${n(r.noop.perSecond)} jobs/s (${r.noop.seconds.toFixed(1)} s; runs: ${r.noop.trials.map((t) => n(t)).join(', ')}) |`,
    `| load average 1 min before / after | ${r.loadBefore.toFixed(2)} / ${r.loadAfter.toFixed(2)} |`,
    '',
    '| target | measured | result |',
    '| --- | ---: | --- |',
    `| rate asked ≥ ⅙ of the no-op ceiling (${n(sixth)}/s) | ${n(r.rate)}/s | ${verdict(r.rate >= sixth)} |`,
    `| intake achieved ≥ 99 % of the rate asked | ${((100 * achieved) / r.rate).toFixed(1)} % | ${verdict(achieved >= TARGET_ACHIEVED * r.rate)} |`,
    `| lag commit → roll-up p99 ≤ 250 ms | ${ms(p99)} | ${verdict(p99 <= TARGET_P99_MS)} |`,
    `| roll-ups exact | ${r.rollupsExact ? 'equal' : 'differ'} | ${verdict(r.rollupsExact)} |`,
    '',
  ].join('\n');
}

/** Deletes every key under the run's own prefixes (nothing else). */
export async function deleteKeys(redisUrl: string, prefixes: string[]): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    // A queue's keys start with its hash tag, `{<prefix>:<queue>}` (queueKeyPrefix); keys
    // without one are matched too. MATCH is a glob: the brace is escaped.
    for (const pattern of prefixes.flatMap((prefix) => [`${prefix}:*`, `\\{${prefix}:*`])) {
      let cursor = '0';
      do {
        const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = nextCursor;
        if (keys.length > 0) {
          await redis.del(...keys);
        }
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}
