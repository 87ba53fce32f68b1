import { OFFICIAL_NOTICES_2025_2026, WorkingCalendar } from '../calendar';
import { classifyOnTime, type ClassifyOnTimeInput } from './classify-on-time';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);

function vn(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+07:00`);
}

/** Received Mon 5/1/2026 09:00, 3 working days: appointment Thu 8/1/2026 17:00. */
function dossier(overrides: Partial<ClassifyOnTimeInput> = {}): ClassifyOnTimeInput {
  return {
    receivedAt: vn('2026-01-05 09:00'),
    dueAt: vn('2026-01-08 17:00'),
    supplements: [],
    limit: { value: 3, unit: 'working_days' },
    calendar,
    now: vn('2026-01-20 10:00'),
    ...overrides,
  };
}

const supplement = (requestedAt: string, completedAt: string | null) => ({
  requestedAt: vn(requestedAt),
  completedAt: completedAt === null ? null : vn(completedAt),
});

describe('classifyOnTime (K1)', () => {
  it.each([
    [
      'result ready the day before the appointment',
      { resultReadyAt: vn('2026-01-07 10:00') },
      'early',
      false,
    ],
    [
      'result ready on the appointment day',
      { resultReadyAt: vn('2026-01-08 16:00') },
      'on_time',
      false,
    ],
    [
      'result ready on the due day after 17:00 (day granularity)',
      { resultReadyAt: vn('2026-01-08 18:00') },
      'on_time',
      false,
    ],
    ['result ready one day late', { resultReadyAt: vn('2026-01-09 09:00') }, 'late', true],
    [
      'the KPI clock stops at result ready, not at return',
      { resultReadyAt: vn('2026-01-08 10:00'), returnedAt: vn('2026-01-12 10:00') },
      'on_time',
      false,
    ],
    [
      'returned late with no result-ready time',
      { returnedAt: vn('2026-01-12 10:00') },
      'late',
      true,
    ],
    ['stopped early', { stoppedAt: vn('2026-01-07 10:00') }, 'early', false],
    [
      'stopped takes precedence over a withdrawal request',
      { stoppedAt: vn('2026-01-08 10:00'), withdrawalRequestedAt: vn('2026-01-12 10:00') },
      'on_time',
      false,
    ],
    [
      'withdrawal requested on the due day',
      { withdrawalRequestedAt: vn('2026-01-08 09:00') },
      'on_time',
      false,
    ],
    [
      'withdrawal requested after the due day',
      { withdrawalRequestedAt: vn('2026-01-09 09:00') },
      'late',
      true,
    ],
    [
      'one completed supplement pulls a late end back to on time',
      {
        resultReadyAt: vn('2026-01-09 16:00'),
        supplements: [supplement('2026-01-07 10:00', '2026-01-08 10:00')],
      },
      'on_time',
      false,
    ],
    [
      'two supplement requests are late even when finished early',
      {
        resultReadyAt: vn('2026-01-07 16:00'),
        supplements: [
          supplement('2026-01-05 10:00', '2026-01-05 14:00'),
          supplement('2026-01-06 10:00', '2026-01-06 14:00'),
        ],
      },
      'late',
      false,
    ],
    [
      'a supplement completed after the result only counts up to the result',
      {
        resultReadyAt: vn('2026-01-09 10:00'),
        supplements: [supplement('2026-01-09 09:00', '2026-01-12 09:00')],
      },
      'late',
      true,
    ],
  ] as const)('%s → %s', (_label, events, outcome, overdue) => {
    const result = classifyOnTime(dossier(events));
    expect(result).toMatchObject({ outcome, overdue, open: false });
  });

  it.each([
    ['open, within the deadline', vn('2026-01-07 10:00'), 'on_time', false],
    ['open, on the due day after 17:00', vn('2026-01-08 20:00'), 'on_time', false],
    ['open, overdue', vn('2026-01-09 08:00'), 'late', true],
  ] as const)('%s → %s, endAt = now', (_label, now, outcome, overdue) => {
    const result = classifyOnTime(dossier({ now }));
    expect(result).toMatchObject({ outcome, overdue, open: true, endAt: now, endAdjustedAt: now });
  });

  it('one unanswered supplement request: the end is the request time', () => {
    const result = classifyOnTime(dossier({ supplements: [supplement('2026-01-07 10:00', null)] }));
    expect(result).toEqual({
      outcome: 'on_time', // still open, so never 'early'
      open: true,
      endAt: vn('2026-01-07 10:00'),
      endAdjustedAt: vn('2026-01-07 10:00'),
      overdue: false,
      effectiveDueAt: vn('2026-01-08 17:00'),
    });
  });

  it('one unanswered supplement requested after the appointment is late', () => {
    const result = classifyOnTime(dossier({ supplements: [supplement('2026-01-09 10:00', null)] }));
    expect(result).toMatchObject({ outcome: 'late', endAt: vn('2026-01-09 10:00') });
  });

  it('subtracts a completed supplement wait from the end', () => {
    const result = classifyOnTime(
      dossier({
        resultReadyAt: vn('2026-01-12 10:00'),
        supplements: [supplement('2026-01-06 10:00', '2026-01-09 10:00')],
      }),
    );
    expect(result.endAdjustedAt).toEqual(vn('2026-01-09 10:00'));
    expect(result.outcome).toBe('late');
  });

  it.each([
    ['16:59, before the appointment time', '2026-01-08 16:59', 'on_time', false],
    ['17:00 sharp', '2026-01-08 17:00', 'on_time', false],
    ['17:01, after the appointment time', '2026-01-08 17:01', 'late', true],
  ] as const)('instant granularity: %s → %s', (_label, readyAt, outcome, overdue) => {
    const result = classifyOnTime(dossier({ resultReadyAt: vn(readyAt), granularity: 'instant' }));
    expect(result).toMatchObject({ outcome, overdue });
  });

  it.each([
    [
      '3 working days, ready Thu 8/1',
      { value: 3, unit: 'working_days' },
      '2026-01-08 16:00',
      'on_time',
    ],
    [
      '3 working days, ready Fri 9/1',
      { value: 3, unit: 'working_days' },
      '2026-01-09 09:00',
      'late',
    ],
    [
      '3 working days, ready Tue 6/1',
      { value: 3, unit: 'working_days' },
      '2026-01-06 09:00',
      'early',
    ],
    ['8 hours, ready Mon 5/1 16:00', { value: 8, unit: 'hours' }, '2026-01-05 16:00', 'on_time'],
    ['8 hours, ready Tue 6/1 08:00', { value: 8, unit: 'hours' }, '2026-01-06 08:00', 'late'],
  ] as const)('no appointment date: %s → %s', (_label, limit, readyAt, outcome) => {
    const result = classifyOnTime(dossier({ dueAt: null, limit, resultReadyAt: vn(readyAt) }));
    expect(result.outcome).toBe(outcome);
  });

  // end_adj is plain elapsed time (766): Fri 9/1 10:00 − 48 h = Wed 7/1 10:00.
  it('no appointment date: the supplement wait is not counted', () => {
    const result = classifyOnTime(
      dossier({
        dueAt: null,
        resultReadyAt: vn('2026-01-09 10:00'),
        supplements: [supplement('2026-01-06 10:00', '2026-01-08 10:00')],
      }),
    );
    expect(result).toMatchObject({ outcome: 'early', effectiveDueAt: vn('2026-01-08 17:00') });
  });
});
