import { OFFICIAL_NOTICES_2025_2026, WorkingCalendar, localTimeOf, toLocalDate } from '../calendar';
import {
  apologyNewDueAtProblem,
  apologyTimelyUntil,
  endOfOfficeHours,
  isApologyTimely,
} from './apology-rules';
import { DEFAULT_DEADLINE_POLICY } from './deadline-policy';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
function show(instant: Date): string {
  const { hour, minute } = localTimeOf(instant);
  return `${toLocalDate(instant)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

describe('apology timeliness: sent at least one working day before the due date it is about', () => {
  it.each([
    // due               timely until        issued            timely
    ['2026-03-10 17:00', '2026-03-09 17:00', '2026-03-09 16:59', true],
    ['2026-03-10 17:00', '2026-03-09 17:00', '2026-03-09 17:00', true],
    ['2026-03-10 17:00', '2026-03-09 17:00', '2026-03-10 08:00', false],
    ['2026-03-09 17:00', '2026-03-06 17:00', '2026-03-07 10:00', false], // Mon: Friday before
    ['2026-02-23 17:00', '2026-02-13 17:00', '2026-02-13 15:00', true], // after Tết 2026
    ['2026-02-23 17:00', '2026-02-13 17:00', '2026-02-20 15:00', false], // during Tết
    ['2026-01-12 17:00', '2026-01-10 17:00', '2026-01-10 11:00', true], // swapped Sat 10/1
    ['2026-08-24 17:00', '2026-08-22 17:00', '2026-08-23 09:00', false], // Sunday after Sat 22/8
    ['2026-03-10 17:00', '2026-03-09 17:00', '2026-03-12 09:00', false], // after the deadline
  ])('due %s → timely until %s; issued %s → %s', (due, until, issued, timely) => {
    expect(show(apologyTimelyUntil(vn(due), calendar))).toBe(until);
    expect(isApologyTimely(vn(issued), vn(due), calendar)).toBe(timely);
  });
});

describe('apologyNewDueAtProblem: a working day, end of office hours, within the bound', () => {
  const base = {
    now: vn('2026-02-12 10:00'),
    currentDueAt: vn('2026-02-13 17:00'),
    maxExtensionWorkingDays: 10,
    calendar,
    policy: DEFAULT_DEADLINE_POLICY,
  };
  it.each([
    ['a working day at 17:00', '2026-02-24 17:00', null],
    ['during Tết 2026', '2026-02-18 17:00', '2026-02-18 is not a working day'],
    ['a Sunday', '2026-03-01 17:00', '2026-03-01 is not a working day'],
    ['swapped Sat 10/1/2026 is a working day', '2026-01-10 17:00', 'later than both now'],
    ['16:00 is not the end of office hours', '2026-02-24 16:00', 'end of office hours (17:00'],
    ['not later than the date in force', '2026-02-13 17:00', 'later than both now'],
    ['the 10th working day after 13/2 (Tết skipped): 6/3', '2026-03-06 17:00', null],
    ['the 11th working day: beyond the bound', '2026-03-09 17:00', 'at most 10 working days'],
  ])('%s (%s)', (_label, newDueAt, problem) => {
    const found = apologyNewDueAtProblem({ ...base, newDueAt: vn(newDueAt) });
    if (problem === null) {
      expect(found).toBeNull();
    } else {
      expect(found?.field).toBe('newDueAt');
      expect(found?.reason).toContain(problem);
    }
  });

  it('a swapped Saturday is accepted as a new date', () => {
    expect(
      apologyNewDueAtProblem({
        ...base,
        now: vn('2026-01-05 10:00'),
        currentDueAt: vn('2026-01-06 17:00'),
        newDueAt: vn('2026-01-10 17:00'),
      }),
    ).toBeNull();
  });

  it('follows the configured end of office hours', () => {
    const policy = {
      ...DEFAULT_DEADLINE_POLICY,
      officeHours: { start: { hour: 7, minute: 0 }, end: { hour: 16, minute: 30 } },
    };
    expect(show(endOfOfficeHours('2026-02-24', policy))).toBe('2026-02-24 16:30');
    const at1630 = apologyNewDueAtProblem({ ...base, policy, newDueAt: vn('2026-02-24 16:30') });
    expect(at1630).toBeNull();
    const at1700 = apologyNewDueAtProblem({ ...base, policy, newDueAt: vn('2026-02-24 17:00') });
    expect(at1700?.reason).toContain('16:30');
  });
});
