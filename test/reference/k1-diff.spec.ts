import { ApiFigures, DrillItem, OnTimeAnswer, readFigures } from './k1-api';
import { K1Diff } from './k1-diff';
import {
  Figures,
  groupedFigures,
  K1Settings,
  populationOf,
  RecordedApplication,
} from './k1-reference';
import { StandardPeriod } from './standard-periods';

/**
 * The comparison must fail when the API parts from the reference, and say where: an answer
 * equal to the reference passes, one member moved fails with that member named.
 */
const vn = (at: string) => Date.parse(`${at.replace(' ', 'T')}:00+07:00`);
const SETTINGS: K1Settings = { paymentPausesClock: false };
const NOW = vn('2026-03-10 10:00');
const JANUARY: StandardPeriod = {
  from: '2026-01-01',
  to: '2026-01-31',
  kind: 'month',
  type: 'calendar',
  label: 'calendar month 1/2026',
  ended: true,
};

const app = (code: string, events: RecordedApplication['events'], departmentId = 'A') =>
  ({
    id: code,
    code,
    departmentId,
    procedureCode: '1.000001',
    channel: 'direct',
    receivedAt: vn('2026-01-05 09:00'),
    appointment: vn('2026-01-12 17:00'),
    events,
  }) satisfies RecordedApplication;

const APPS = [
  app('HS-EARLY', [{ action: 'mark-result-ready', at: vn('2026-01-09 10:00') }]),
  app('HS-LATE', [{ action: 'mark-result-ready', at: vn('2026-01-14 10:00') }], 'B'),
  app('HS-WITHDRAWN', [{ action: 'request-withdrawal', at: vn('2026-01-07 10:00') }], 'B'),
];

const contract = (f: Figures): ApiFigures => readFigures({ ...f });
function answerOf(by: 'department', tweak?: (rows: Map<string, Figures>) => void): OnTimeAnswer {
  const g = groupedFigures(APPS, JANUARY, by, NOW, SETTINGS);
  tweak?.(g.rows);
  return {
    basis: 'frozen',
    rows: new Map([...g.rows].map(([k, f]) => [k, contract(f)])),
    total: contract(g.total),
  };
}
const diff = () =>
  new K1Diff({
    apps: APPS,
    settings: SETTINGS,
    departmentName: (id) => `Phòng ${id}`,
    header: 'K1:',
  });

describe('K1Diff', () => {
  it('passes an answer equal to the reference', () => {
    const d = diff();
    d.onTime('live', JANUARY, 'department', answerOf('department'), NOW);
    expect(d.failed).toBe(false);
  });

  it('fails a row that lost a member, naming the row and its members', () => {
    const d = diff();
    const answer = answerOf('department', (rows) => {
      const b = rows.get('B')!;
      rows.set('B', { ...b, population: 1, withdrawnOnTime: 0, onTimeCount: 0, rate: 0 });
    });
    d.onTime('live', JANUARY, 'department', answer, NOW);
    expect(d.failed).toBe(true);
    const report = d.report();
    expect(report).toContain('by department, row Phòng B');
    expect(report).toContain('population: expected 2, API 1');
    expect(report).toContain('HS-WITHDRAWN: withdrawn / on_time');
  });

  it('fails a drill-down whose verdict differs, with the application and its timeline', () => {
    const expected = populationOf(APPS, JANUARY, NOW, SETTINGS);
    const items: DrillItem[] = [...expected].map(([code, j]) => ({
      id: code,
      code,
      category: j.category,
      verdict: code === 'HS-LATE' ? 'on_day' : j.verdict,
      carriedOver: j.carriedOver,
    }));
    const d = diff();
    d.population('live', JANUARY, items, NOW);
    const report = d.report();
    expect(report).toContain('HS-LATE');
    expect(report).toContain('expected resolved / late; API resolved / on_day');
    expect(report).toContain('2026-01-14 10:00 mark-result-ready');
    expect(report).not.toContain('HS-EARLY');
  });

  it('reads the answer shape from before issue 8: total and the old on-time count', () => {
    const old = readFigures({
      early: 3,
      onTime: 2,
      late: 1,
      open: 4,
      openOverdue: 1,
      total: 10,
      rate: 80,
    });
    expect(old).toEqual({ shape: 'legacy', figures: { population: 10, onTimeCount: 8, rate: 80 } });
  });
});
