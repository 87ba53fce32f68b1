import { localTimeOf, OFFICIAL_NOTICES_2025_2026, toLocalDate, WorkingCalendar } from '../calendar';
import { TransitionAction as A } from '../lifecycle';
import { classifyStep, responsibleDepartment, type StepAttribution } from './step-outcome';
import { clockPauses, stepDueInForce } from './step-clock';
import { leadStepDueAt } from './lead-step';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const show = (d: Date) => {
  const { hour, minute } = localTimeOf(d);
  return `${toLocalDate(d)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};
const entry = (at: string, action: A) => ({ at: vn(at), action: String(action) });

describe('clockPauses: the applicant waits, from history', () => {
  const history = [
    entry('2026-03-02 09:00', A.Receive),
    entry('2026-03-03 10:00', A.RequestSupplement),
    entry('2026-03-05 10:00', A.ReceiveSupplement),
    entry('2026-03-06 09:00', A.RequirePayment),
    entry('2026-03-09 09:00', A.ConfirmPayment),
    entry('2026-03-10 09:00', A.HandOver),
  ];
  it.each([
    [
      'supplement waits only, payment does not pause',
      history,
      false,
      [['2026-03-03 10:00', '2026-03-05 10:00']],
    ],
    [
      'payment pauses too when configured',
      history,
      true,
      [
        ['2026-03-03 10:00', '2026-03-05 10:00'],
        ['2026-03-06 09:00', '2026-03-09 09:00'],
      ],
    ],
    [
      'a wait still running has no end',
      [entry('2026-03-03 10:00', A.RequestSupplement)],
      false,
      [['2026-03-03 10:00', null]],
    ],
  ])('%s', (_label, h, payment, expected) => {
    const got = clockPauses(h, payment).map((p) => [show(p.from), p.to ? show(p.to) : null]);
    expect(got).toEqual(expected);
  });
});

describe('stepDueInForce: waits during a step are not the step’s time', () => {
  it.each([
    [
      'two working days of supplement wait push Fri 13/2 past Tết to Tue 24/2',
      '2026-02-13 17:00',
      '2026-02-09 09:00',
      [{ from: '2026-02-10 07:30', to: '2026-02-12 07:30' }],
      '2026-02-24 17:00',
    ],
    [
      'a wait across the swapped Saturday 10/1/2026 counts it as a working day',
      '2026-01-13 17:00',
      '2026-01-07 09:00',
      [{ from: '2026-01-09 07:30', to: '2026-01-12 07:30' }],
      '2026-01-15 17:00',
    ],
    [
      'a wait before the step started is not its concern',
      '2026-03-13 17:00',
      '2026-03-10 09:00',
      [{ from: '2026-03-03 10:00', to: '2026-03-05 10:00' }],
      '2026-03-13 17:00',
    ],
    [
      'a wait still running counts up to the moment judged (Mon 16/3 07:30)',
      '2026-03-13 17:00',
      '2026-03-10 09:00',
      [{ from: '2026-03-12 07:30', to: null }],
      '2026-03-17 17:00',
    ],
  ])('%s', (_label, base, started, pauses, expected) => {
    const due = stepDueInForce({
      baseDueAt: vn(base),
      startedAt: vn(started),
      pauses: pauses.map((p) => ({ from: vn(p.from), to: p.to ? vn(p.to) : null })),
      until: vn('2026-03-16 07:30'),
      calendar,
    });
    expect(show(due)).toBe(expected);
  });
});

describe('leadStepDueAt: the lead department’s own time before the first hand-over', () => {
  // Received Thu 8/1/2026 09:00 with 5 working days: appointment Wed 14/1 (Sat 10/1 worked).
  const base = {
    receivedAt: vn('2026-01-08 09:00'),
    appointmentAt: vn('2026-01-14 17:00'),
    handedOverAt: vn('2026-01-13 09:00'),
    calendar,
  };
  it.each([
    ['2 days of its internal process: Sat 10/1 (worked)', 2, [], '2026-01-10 17:00'],
    ['no process budget: the appointment', null, [], '2026-01-14 17:00'],
    ['a budget beyond the appointment is cut to it', 9, [], '2026-01-14 17:00'],
    [
      'a one-day supplement wait before the hand-over moves it to Mon 12/1',
      2,
      [{ from: vn('2026-01-09 07:30'), to: vn('2026-01-09 17:00') }],
      '2026-01-12 17:00',
    ],
  ])('%s', (_label, configured, pauses, expected) => {
    expect(show(leadStepDueAt({ ...base, configuredWorkingDays: configured, pauses }))).toBe(
      expected,
    );
  });
});

describe('blame in a liên thông chain with a supplement in the middle of a step', () => {
  // Lead A hands to B on Mon 9/2/2026 with 3 working days: B's step is due Thu 12/2. A
  // supplement is asked for Tue 10/2 07:30 and arrives Wed 11/2 07:30 (one working day), so
  // B's step is due Fri 13/2. B hands back on Fri 13/2 (late by the raw date, on time after
  // the pause); A makes the result ready Tue 24/2, after its own 1-day step due Mon 23/2.
  const pauses = [{ from: vn('2026-02-10 07:30'), to: vn('2026-02-11 07:30') }];
  const bDue = stepDueInForce({
    baseDueAt: vn('2026-02-12 17:00'),
    startedAt: vn('2026-02-09 09:00'),
    pauses,
    until: vn('2026-02-13 10:00'),
    calendar,
  });
  const steps: StepAttribution[] = [
    { seq: 0, toDepartmentId: 'A', completedAt: vn('2026-02-09 09:00'), outcome: 'early' },
    {
      seq: 1,
      toDepartmentId: 'B',
      completedAt: vn('2026-02-13 10:00'),
      outcome: classifyStep(vn('2026-02-13 10:00'), bDue),
    },
    {
      seq: 2,
      toDepartmentId: 'A',
      completedAt: vn('2026-02-24 09:00'),
      outcome: classifyStep(vn('2026-02-24 09:00'), vn('2026-02-23 17:00')),
    },
  ];

  it('B’s step is on time once its wait is taken out', () => {
    expect(show(bDue)).toBe('2026-02-13 17:00');
    expect(steps[1].outcome).toBe('on_time');
    expect(classifyStep(vn('2026-02-13 10:00'), vn('2026-02-12 17:00'))).toBe('late');
  });

  it('the lead’s own overrun carries the delay, not B', () => {
    expect(responsibleDepartment(steps, 'A')).toBe('A');
    expect(
      responsibleDepartment(
        steps.map((s) => (s.seq === 1 ? { ...s, outcome: 'late' as const } : s)),
        'A',
      ),
    ).toBe('B');
  });
});
