import { OFFICIAL_NOTICES_2025_2026, WorkingCalendar } from '../calendar';
import { DomainError } from '../errors';
import { configuredBudget, remainingWorkingDays, resolveStepBudget } from './step-budget';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

describe('remainingWorkingDays: the time left for a hand-over, counted like a reception', () => {
  it.each([
    ['over Tết 2026 (16–20/2 off)', '2026-02-09 09:00', '2026-02-24 17:00', 6],
    ['across the swapped Saturday 10/1/2026 (worked)', '2026-01-08 09:00', '2026-01-12 17:00', 3],
    [
      'after the 15:00 cut-off: day 0 is the next working day',
      '2026-01-08 16:00',
      '2026-01-12 17:00',
      2,
    ],
    ['Fri 2/1/2026 (swapped off) counts as nothing', '2025-12-31 09:00', '2026-01-05 17:00', 1],
    [
      'National Day 2026: Mon 31/8 swapped off, 1–2/9 holidays',
      '2026-08-28 09:00',
      '2026-09-03 17:00',
      1,
    ],
    ['due today: a same-day budget only', '2026-03-09 09:00', '2026-03-09 17:00', 0],
    ['already past the appointment', '2026-03-10 09:00', '2026-03-09 17:00', 0],
  ])('%s', (_label, now, dueAt, expected) => {
    expect(remainingWorkingDays({ now: vn(now), dueAt: vn(dueAt), calendar })).toBe(expected);
  });
});

describe('resolveStepBudget: from the internal process, bounded by the time left', () => {
  it.each([
    ['nothing asked, no process: the time left', null, null, 6, 6, 'remaining'],
    ['nothing asked: the process budget', null, 3, 6, 3, 'process'],
    ['the process budget cut to the time left', null, 10, 6, 6, 'remaining'],
    ['asked within both bounds', 2, 3, 6, 2, 'requested'],
    ['asked exactly the time left, no process', 6, null, 6, 6, 'requested'],
    ['nothing left: zero', null, 3, 0, 0, 'remaining'],
  ])('%s', (_label, requested, configured, remaining, days, source) => {
    expect(resolveStepBudget({ requested, configured, remaining })).toEqual({
      workingDays: days,
      source,
    });
  });

  it.each([
    ['beyond the time left', 7, null, 6, /more than the 6 left/],
    ['beyond the process budget', 4, 3, 6, /more than the 3 the procedure's internal process/],
    ['the old free range (365) on a 5-day procedure', 365, null, 5, /more than the 5 left/],
  ])(
    'refuses a request %s, naming budgetWorkingDays',
    (_label, requested, configured, remaining, reason) => {
      let error: unknown;
      try {
        resolveStepBudget({ requested, configured, remaining });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      const problem = (error as DomainError).details?.[0];
      expect(problem?.field).toBe('budgetWorkingDays');
      expect(problem?.reason).toMatch(reason);
    },
  );

  it('configuredBudget reads the department of the step', () => {
    const rules = [
      { departmentId: 'B', workingDays: 3 },
      { departmentId: 'C', workingDays: 0 },
    ];
    expect(configuredBudget(rules, 'B')).toBe(3);
    expect(configuredBudget(rules, 'C')).toBe(0);
    expect(configuredBudget(rules, 'D')).toBeNull();
  });
});
