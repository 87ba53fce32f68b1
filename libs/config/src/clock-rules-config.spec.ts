import { ConfigValidationError, loadConfig } from './load-config';

describe('clock rules configuration (issue 15)', () => {
  it('defaults: no lunch break, a 3-working-day supplement window, apologies up to 60 working days', () => {
    const { rules } = loadConfig({});
    expect(rules.lunchBreak).toBeNull();
    expect(rules.supplementRequestWindowWorkingDays).toBe(3);
    expect(rules.apologyMaxExtensionWorkingDays).toBe(60);
  });

  it('takes a lunch break inside office hours', () => {
    const { rules } = loadConfig({ LUNCH_BREAK_START: '11:30', LUNCH_BREAK_END: '13:30' });
    expect(rules.lunchBreak).toEqual({
      start: { hour: 11, minute: 30 },
      end: { hour: 13, minute: 30 },
    });
  });

  it.each([
    [{ LUNCH_BREAK_START: '12:00' }, 'LUNCH_BREAK_END'],
    [{ LUNCH_BREAK_END: '13:00' }, 'LUNCH_BREAK_START'],
    [{ LUNCH_BREAK_START: '13:00', LUNCH_BREAK_END: '12:00' }, 'LUNCH_BREAK_START'],
    [{ LUNCH_BREAK_START: '07:00', LUNCH_BREAK_END: '08:00' }, 'LUNCH_BREAK_START'],
    [{ LUNCH_BREAK_START: '12h', LUNCH_BREAK_END: '13:00' }, 'LUNCH_BREAK_START'],
    [{ SUPPLEMENT_REQUEST_WINDOW_WORKING_DAYS: '-1' }, 'SUPPLEMENT_REQUEST_WINDOW_WORKING_DAYS'],
    [{ APOLOGY_MAX_EXTENSION_WORKING_DAYS: '0' }, 'APOLOGY_MAX_EXTENSION_WORKING_DAYS'],
  ])('%o is refused naming %s', (env, variable) => {
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigValidationError);
    expect((caught as ConfigValidationError).problems.join('\n')).toMatch(
      new RegExp(`^${variable}`, 'm'),
    );
  });
});
