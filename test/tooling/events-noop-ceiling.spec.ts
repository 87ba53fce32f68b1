import { medianCeiling } from '../../bench/events/noop-ceiling';
import { EventsRun, renderEventsReport } from '../../bench/events/events-report';

const run = (perSecond: number) => ({ jobs: 20_000, seconds: 20_000 / perSecond, perSecond });

describe('bench:events no-op ceiling over several runs', () => {
  it('judges by the median run and keeps every run, in the order they ran', () => {
    const ceiling = medianCeiling([run(9_900), run(6_000), run(8_000)]);
    expect(ceiling.perSecond).toBe(8_000);
    expect(ceiling.seconds).toBeCloseTo(2.5);
    expect(ceiling.trials).toEqual([9_900, 6_000, 8_000]);
  });

  it('takes the faster middle run of an even count (the stricter target)', () => {
    expect(medianCeiling([run(7_000), run(9_000), run(6_000), run(8_000)]).perSecond).toBe(8_000);
    expect(medianCeiling([run(7_000)]).perSecond).toBe(7_000);
    expect(() => medianCeiling([])).toThrow('no ceiling runs');
  });

  it("sets issue 14's rate target at a sixth of the median, and prints every run", () => {
    const lags = Float64Array.from({ length: 100 }, (_, i) => i);
    const report: EventsRun = {
      rate: 1_300,
      duration: 60,
      poolSize: 20,
      maxInFlight: 64,
      pgVersion: '15',
      workerMode: 'test',
      loadBefore: 0,
      loadAfter: 0,
      committed: 1_000,
      measuredCommitted: 1_000,
      dropped: 0,
      warmup: { seconds: 0, committed: 0, dropped: 0 },
      failed: 0,
      intakeSeconds: 1_000 / 1_300,
      relayedRate: 1_300,
      appliedRate: 1_300,
      relayedPeak: 1_300,
      appliedPeak: 1_300,
      endOfIntake: { published: 1_000, applied: 1_000 },
      drainSeconds: 0,
      unappliedAfterDrain: 0,
      drainTimeoutSeconds: 120,
      intakeLatencies: Float64Array.from([4, 6, 9, 30, 41]),
      lags,
      relayLags: lags,
      received: 1_000,
      applicationRows: 1_000,
      rollupsExact: true,
      noop: medianCeiling([run(11_400), run(7_200), run(7_500)]),
      noopJobs: 20_000,
    };
    const markdown = renderEventsReport(report);
    // ⅙ of 7,500 is 1,250: 1,300/s passes; judged by the fastest run (11,400) it would not.
    expect(markdown).toContain(
      '| rate asked ≥ ⅙ of the no-op ceiling (1,250/s) | 1,300/s | PASS |',
    );
    expect(markdown).toContain('7,500 jobs/s (2.7 s; runs: 11,400, 7,200, 7,500)');
    // 64 in flight at 1,300/s: an intake is dropped once those before it take 49 ms.
    expect(markdown).toContain(
      '(drops start past 49 ms: 64 in flight ÷ rate) | 9 ms / 41 ms / 41 ms |',
    );
  });
});
