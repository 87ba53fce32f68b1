import {
  EscalationOverride,
  EscalationPolicySource,
  resolveEscalationPolicy,
} from './escalation-policy-resolution';

const DEFAULTS = { overdueWorkingDays: 2, supervisingOfficeEmail: null, apologyWorkingDays: 5 };

const row = (
  id: string,
  departmentId: string | null,
  procedureCode: string | null,
  values: Partial<Omit<EscalationOverride, 'id' | 'departmentId' | 'procedureCode'>>,
): EscalationOverride => ({
  id,
  departmentId,
  procedureCode,
  overdueWorkingDays: null,
  supervisingOfficeEmail: null,
  apologyWorkingDays: null,
  ...values,
});

const resolve = (
  overrides: EscalationOverride[],
  procedureTimeLimit: { value: number; unit: string } | null = null,
) =>
  resolveEscalationPolicy({
    departmentId: 'D',
    procedureCode: '1.000001',
    procedureTimeLimit,
    overrides,
    defaults: DEFAULTS,
  });

describe('resolveEscalationPolicy: overdueWorkingDays', () => {
  it.each<[string, EscalationOverride[], number, EscalationPolicySource, string | null]>([
    ['no rows: the config', [], 2, 'config', null],
    [
      'a global row beats the config',
      [row('g', null, null, { overdueWorkingDays: 9 })],
      9,
      'global',
      'g',
    ],
    [
      'department beats global',
      [
        row('g', null, null, { overdueWorkingDays: 9 }),
        row('d', 'D', null, { overdueWorkingDays: 4 }),
      ],
      4,
      'department',
      'd',
    ],
    [
      'procedure beats department, whatever the row order',
      [
        row('p', null, '1.000001', { overdueWorkingDays: 3 }),
        row('d', 'D', null, { overdueWorkingDays: 4 }),
      ],
      3,
      'procedure',
      'p',
    ],
    [
      'department + procedure beats procedure',
      [
        row('p', null, '1.000001', { overdueWorkingDays: 3 }),
        row('dp', 'D', '1.000001', { overdueWorkingDays: 7 }),
      ],
      7,
      'department_procedure',
      'dp',
    ],
    [
      'a more specific row that leaves the field null inherits it',
      [
        row('p', null, '1.000001', { supervisingOfficeEmail: 'a@b.vn' }),
        row('d', 'D', null, { overdueWorkingDays: 4 }),
      ],
      4,
      'department',
      'd',
    ],
    [
      'rows of other departments and procedures are ignored',
      [
        row('x', 'OTHER', null, { overdueWorkingDays: 8 }),
        row('y', null, '9.999999', { overdueWorkingDays: 8 }),
        row('z', 'D', '9.999999', { overdueWorkingDays: 8 }),
      ],
      2,
      'config',
      null,
    ],
  ])('%s', (_, overrides, value, source, overrideId) => {
    expect(resolve(overrides).overdueWorkingDays).toEqual({ value, source, overrideId });
  });
});

describe('resolveEscalationPolicy: apologyWorkingDays', () => {
  it.each<[string, EscalationOverride[], { value: number; unit: string } | null, number, string]>([
    ['no limit, no rows: the config', [], null, 5, 'config'],
    [
      'a limit in working days',
      [],
      { value: 10, unit: 'working_days' },
      10,
      'procedure_time_limit',
    ],
    [
      'a limit of 0 working days (same day): the config',
      [],
      { value: 0, unit: 'working_days' },
      5,
      'config',
    ],
    ['a limit in hours: the config', [], { value: 8, unit: 'hours' }, 5, 'config'],
    [
      'an override beats the limit',
      [row('d', 'D', null, { apologyWorkingDays: 3 })],
      { value: 10, unit: 'working_days' },
      3,
      'department',
    ],
  ])('%s', (_, overrides, limit, value, source) => {
    expect(resolve(overrides, limit).apologyWorkingDays).toMatchObject({ value, source });
  });
});

describe('resolveEscalationPolicy: scope', () => {
  it('resolves each field from its own most specific row', () => {
    const effective = resolve([
      row('g', null, null, { supervisingOfficeEmail: 'thanhtra@example.vn' }),
      row('d', 'D', null, { overdueWorkingDays: 4, apologyWorkingDays: 6 }),
      row('p', null, '1.000001', { apologyWorkingDays: 2 }),
    ]);
    expect(effective).toEqual({
      overdueWorkingDays: { value: 4, source: 'department', overrideId: 'd' },
      supervisingOfficeEmail: { value: 'thanhtra@example.vn', source: 'global', overrideId: 'g' },
      apologyWorkingDays: { value: 2, source: 'procedure', overrideId: 'p' },
    });
  });

  it('without a procedure, only rows without one apply', () => {
    const effective = resolveEscalationPolicy({
      departmentId: 'D',
      procedureCode: null,
      procedureTimeLimit: null,
      overrides: [
        row('p', null, '1.000001', { overdueWorkingDays: 3 }),
        row('d', 'D', null, { overdueWorkingDays: 4 }),
      ],
      defaults: DEFAULTS,
    });
    expect(effective.overdueWorkingDays).toEqual({
      value: 4,
      source: 'department',
      overrideId: 'd',
    });
  });
});
