import { classifyStep, holdingDepartment, responsibleDepartment } from './step-outcome';

const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

describe('classifyStep (day granularity, Asia/Ho_Chi_Minh)', () => {
  it.each([
    ['the day before the due day', '2026-01-07 16:00', 'early'],
    ['on the due day, before the due time', '2026-01-08 09:00', 'on_time'],
    ['on the due day, after the due time', '2026-01-08 22:00', 'on_time'],
    ['the next local day, still the due day in UTC', '2026-01-09 06:00', 'late'],
    ['a week late', '2026-01-15 10:00', 'late'],
  ])('%s → %s', (_, completedAt, expected) => {
    expect(classifyStep(vn(completedAt), vn('2026-01-08 17:00'))).toBe(expected);
  });
});

describe('responsibleDepartment', () => {
  const step = (seq: number, to: string, outcome: 'early' | 'on_time' | 'late' | null) => ({
    seq,
    toDepartmentId: to,
    completedAt: outcome ? vn('2026-01-08 10:00') : null,
    outcome,
  });

  it.each([
    ['no steps: the lead department', [], 'LEAD'],
    ['one open step: its receiver holds it', [step(1, 'B', null)], 'B'],
    ['A→B late, B→A open: B is named', [step(1, 'B', 'late'), step(2, 'LEAD', null)], 'B'],
    [
      'the first late step wins, in seq order',
      [step(3, 'D', 'late'), step(2, 'C', 'late'), step(1, 'B', 'on_time')],
      'C',
    ],
    ['all on time, all closed: the lead', [step(1, 'B', 'early'), step(2, 'C', 'on_time')], 'LEAD'],
  ])('%s', (_, steps, expected) => {
    expect(responsibleDepartment(steps, 'LEAD')).toBe(expected);
  });

  it('holdingDepartment ignores closed steps', () => {
    expect(holdingDepartment([step(1, 'B', 'late')], 'LEAD')).toBe('LEAD');
  });
});
