import { k1ReferenceSettings } from '../setup/k1-reference-settings';
import { K1Api } from '../reference/k1-api';
import { K1Diff, localTime } from '../reference/k1-diff';
import { GroupBy } from '../reference/k1-reference';
import { CUTOFF_MINUTES, SPECIAL_RECEPTION_DAYS } from '../reference/k1-scenarios';
import { FIRST_RECEPTION_DAY, K1Year, LATER, NOW, playK1Year } from '../reference/k1-year';
import { StandardPeriod, standardPeriods } from '../reference/standard-periods';

/**
 * Issue 8, deliver 6: K1 as the API answers it against a plain reference written straight from
 * the spec (test/reference/k1-reference.ts), over a generated year of applications played
 * through the real lifecycle code with a moved clock (test/reference/k1-driver.ts), the
 * worker applying every event. On failure it prints the smallest counterexample.
 *
 * Bigger or other years: K1_REFERENCE_SIZE, K1_REFERENCE_SEED (a number or "random"),
 * K1_REFERENCE_PAYMENT_PAUSES_CLOCK=true; `npm run drill:k1-reference` runs 10,000.
 */
const settings = k1ReferenceSettings();
const GROUPINGS: GroupBy[] = ['department', 'procedure', 'channel', 'month', 'quarter'];
const PERIODS = standardPeriods(FIRST_RECEPTION_DAY, NOW);
// Hundreds of API calls each, on a shared 2-core machine.
const COMPARISON_TIMEOUT_MS = 300_000;

describe('K1 against the plain reference, over a generated year', () => {
  let year: K1Year;
  let api: K1Api;

  beforeAll(
    async () => {
      year = await playK1Year(settings, (line) => console.log(line));
      api = new K1Api(year.t);
      // About 65 ms an application on a busy 2-core machine; the drill plays 10,000.
    },
    Math.max(600_000, settings.size * 200),
  );
  afterAll(async () => {
    await year?.close();
  });

  const diff = (stage: string) =>
    new K1Diff({
      apps: year.apps(),
      settings: year.settings,
      departmentName: year.departmentName,
      header:
        `K1 differs from the reference at ${stage} (seed ${settings.seed}, ${year.apps().length} applications, ` +
        `now ${localTime(year.clock.now().getTime())}; replay: K1_REFERENCE_SEED=${settings.seed} K1_REFERENCE_SIZE=${settings.size}):`,
    });

  /** Every standard period, every grouping, and one department on its own. */
  async function compareOnTime(
    d: K1Diff,
    stage: string,
    periods: readonly StandardPeriod[],
    now: number,
  ) {
    const someDepartment = year.driver.departments[0].id;
    for (const period of periods) {
      for (const groupBy of GROUPINGS) {
        d.onTime(stage, period, groupBy, await api.onTime(period, groupBy), now);
      }
      d.onTime(
        stage,
        period,
        'channel',
        await api.onTime(period, 'channel', someDepartment),
        now,
        someDepartment,
      );
    }
  }

  it('plays a year that has every kind of application the rules tell apart', () => {
    const apps = year.apps();
    const has = (action: string) => (a: (typeof apps)[number]) =>
      a.events.some((e) => e.action === action);
    const count = (f: (a: (typeof apps)[number]) => boolean) => apps.filter(f).length;
    const minuteOf = (at: number) => Math.round(((at + 7 * 3_600_000) % 86_400_000) / 60_000);
    const supplements = (a: (typeof apps)[number]) =>
      a.events.filter((e) => e.action === 'request-supplement').length;
    const coverage = {
      applications: apps.length,
      neverReceived: count((a) => a.receivedAt === null),
      refusedAtDesk: count(has('refuse')),
      rejected: count((a) =>
        a.events.some((e) => e.action === 'stop' && e.stopReason === 'rejected'),
      ),
      stoppedOther: count((a) =>
        a.events.some((e) => e.action === 'stop' && e.stopReason === 'other'),
      ),
      withdrawalPending: count((a) => has('request-withdrawal')(a) && !has('stop')(a)),
      withdrawalThenStop: count((a) => has('request-withdrawal')(a) && has('stop')(a)),
      oneSupplementUnanswered: count((a) => supplements(a) === 1 && !has('receive-supplement')(a)),
      twoSupplements: count((a) => supplements(a) === 2),
      payments: count(has('require-payment')),
      handOvers: count(has('hand-over')),
      apologies: count(has('apologize')),
      resultReady: count(has('mark-result-ready')),
      stillOpen: count(
        (a) =>
          a.receivedAt !== null &&
          a.events.every(
            (e) =>
              !['mark-result-ready', 'stop', 'request-withdrawal', 'request-supplement'].includes(
                e.action,
              ),
          ),
      ),
      receivedAtCutoff: CUTOFF_MINUTES.map((m) =>
        count((a) => a.receivedAt !== null && minuteOf(a.receivedAt) === m),
      ),
      receivedOnSpecialDays: count(
        (a) =>
          a.receivedAt !== null &&
          (SPECIAL_RECEPTION_DAYS as readonly string[]).includes(
            localTime(a.receivedAt).slice(0, 10),
          ),
      ),
    };
    console.log(`K1 reference coverage: ${JSON.stringify(coverage)}`);
    expect(coverage.applications).toBeGreaterThanOrEqual(settings.size * 0.95);
    // At least 5 of each kind in 2,000 (fewer in a smaller run asked for by hand).
    const least = Math.max(1, Math.round(settings.size / 400));
    for (const [kind, n] of Object.entries(coverage)) {
      for (const v of Array.isArray(n) ? n : [n]) {
        if (v < least) {
          throw new Error(
            `the generated year has only ${v} of "${kind}": the scenario generator no longer covers it`,
          );
        }
      }
    }
    expect(PERIODS.length).toBeGreaterThanOrEqual(8);
  });

  it(
    'GET /metrics/on-time equals the reference for every standard period and grouping',
    async () => {
      const d = diff('GET /metrics/on-time');
      await compareOnTime(d, 'live', PERIODS, NOW);
      if (d.failed) {
        throw new Error(d.report());
      }
    },
    COMPARISON_TIMEOUT_MS,
  );

  it(
    'GET /metrics/on-time/applications lists the reference population of every period',
    async () => {
      const d = diff('the drill-down');
      for (const period of PERIODS) {
        const items = await api.population(period);
        if (items === null) {
          d.note(
            'GET /metrics/on-time/applications does not exist (404): no drill-down to compare',
          );
          break;
        }
        d.population('live', period, items, NOW);
      }
      if (d.failed) {
        throw new Error(d.report());
      }
    },
    COMPARISON_TIMEOUT_MS,
  );

  it(
    'GET /metrics/summary gives the reference K1, K4 and K7 (reception side) of every period',
    async () => {
      const d = diff('GET /metrics/summary');
      for (const period of PERIODS) {
        d.summary('live', period, await api.summaryK1(period), NOW);
      }
      if (d.failed) {
        throw new Error(d.report());
      }
    },
    COMPARISON_TIMEOUT_MS,
  );

  // Last: it closes the periods and moves the clock on.
  it(
    'closes the ended periods, whose figures then stay as reported while later events happen',
    async () => {
      const d = diff('closing (POST /metrics/periods/close-ended)');
      const closed = await api.closeEnded();
      if (closed.status !== 200 && closed.status !== 201) {
        d.note(
          `POST /metrics/periods/close-ended answered ${closed.status}: ${closed.text.slice(0, 200)}`,
        );
      }
      await year.driver.runUntil(LATER);
      await year.driver.waitForWorker();
      const ended = PERIODS.filter((p) => p.ended);
      const notFrozen: string[] = [];
      for (const period of ended) {
        for (const groupBy of GROUPINGS) {
          const answer = await api.onTime(period, groupBy);
          if (answer.basis !== 'frozen') {
            notFrozen.push(`${period.label} by ${groupBy}: ${JSON.stringify(answer.basis)}`);
          }
          d.onTime('after closing', period, groupBy, answer, LATER);
        }
      }
      if (notFrozen.length > 0) {
        d.note(
          `after closing, ${notFrozen.length} of ${ended.length * GROUPINGS.length} answers for ended periods ` +
            `have a basis other than "frozen", e.g. ${notFrozen.slice(0, 2).join('; ')}`,
        );
      }
      await compareOnTime(
        d,
        'after closing, running',
        PERIODS.filter((p) => !p.ended),
        LATER,
      );
      if (d.failed) {
        throw new Error(d.report());
      }
    },
    COMPARISON_TIMEOUT_MS,
  );
});
