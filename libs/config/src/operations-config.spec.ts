import { loadConfig } from './load-config';

describe('operations settings (/metrics, API docs, Redis check)', () => {
  it('defaults: no token, no own listener, Redis settings checked', () => {
    const config = loadConfig({});
    expect(config.operations).toEqual({ metricsToken: null, port: null, host: '127.0.0.1' });
    expect(config.redis.checkSettings).toBe(true);
  });

  it('reads METRICS_TOKEN, METRICS_PORT, METRICS_HOST and REDIS_CHECK_SETTINGS', () => {
    const token = 'p'.repeat(40);
    const config = loadConfig({
      METRICS_TOKEN: token,
      METRICS_PORT: '9464',
      METRICS_HOST: '10.0.0.7',
      REDIS_CHECK_SETTINGS: 'false',
    });
    expect(config.operations).toEqual({ metricsToken: token, port: 9464, host: '10.0.0.7' });
    expect(config.redis.checkSettings).toBe(false);
  });

  it('an empty METRICS_TOKEN (compose passing an unset one) means none', () => {
    expect(loadConfig({ METRICS_TOKEN: '' }).operations.metricsToken).toBeNull();
  });

  it('refuses a short token without printing it, and a bad port', () => {
    const short = 'short-token-123';
    let message = '';
    try {
      loadConfig({ METRICS_TOKEN: short, METRICS_PORT: '70000' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/METRICS_TOKEN=\[hidden\]: .*at least 32 characters/);
    expect(message).toMatch(/METRICS_PORT/);
    expect(message).not.toContain(short);
  });
});
