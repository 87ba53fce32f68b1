import { ConfigValidationError, loadConfig } from './load-config';

describe('rating scale configuration (K8, "unconfirmed" in the spec)', () => {
  it('defaults to 1–5 with 1 and 2 negative', () => {
    expect(loadConfig({}).rules.ratingScale).toEqual({ min: 1, max: 5, negativeAtMost: 2 });
  });

  it('takes a 0–10 scale with 0–6 negative', () => {
    const config = loadConfig({
      RATING_SCALE_MIN: '0',
      RATING_SCALE_MAX: '10',
      RATING_NEGATIVE_AT_MOST: '6',
    });
    expect(config.rules.ratingScale).toEqual({ min: 0, max: 10, negativeAtMost: 6 });
  });

  it.each([
    [{ RATING_SCALE_MIN: '5', RATING_SCALE_MAX: '5' }, 'RATING_SCALE_MIN'],
    [{ RATING_NEGATIVE_AT_MOST: '5' }, 'RATING_NEGATIVE_AT_MOST'],
    [{ RATING_SCALE_MIN: '3', RATING_NEGATIVE_AT_MOST: '2' }, 'RATING_NEGATIVE_AT_MOST'],
    [{ RATING_SCALE_MAX: '11' }, 'RATING_SCALE_MAX'],
    [{ RATING_SCALE_MAX: 'five' }, 'RATING_SCALE_MAX'],
  ])('%o is refused naming %s', (env, variable) => {
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigValidationError);
    expect((caught as ConfigValidationError).problems.join('\n')).toMatch(
      new RegExp(`^${variable}=`, 'm'),
    );
  });
});
