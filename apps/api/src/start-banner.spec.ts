import type { AppConfig } from '@app/config';
import { startBanner } from './start-banner';

const config = (
  env: AppConfig['env'],
  publicBaseUrl: string,
  operations: Partial<AppConfig['operations']> = {},
) =>
  ({
    env,
    api: { host: '0.0.0.0', port: 3000, publicBaseUrl },
    operations: { metricsToken: 'm'.repeat(32), port: null, host: '127.0.0.1', ...operations },
  }) as unknown as AppConfig;

describe('startBanner', () => {
  it('prints the web app address, local and public', () => {
    const { lines } = startBanner(config('production', 'https://motcua.sogd.example.vn/'));
    expect(lines).toContain(
      'Staff web app http://localhost:3000/app/ (public address https://motcua.sogd.example.vn/app/)',
    );
  });

  it.each([
    ['production', 'http://localhost:3000', 1],
    ['production', 'http://127.0.0.1:3000', 1],
    ['production', 'http://[::1]:3000', 1],
    ['production', 'https://motcua.sogd.example.vn', 0],
    ['development', 'http://localhost:3000', 0],
  ] as const)('%s with %s: %i warning(s)', (env, url, count) => {
    expect(startBanner(config(env, url)).warnings).toHaveLength(count);
  });

  it('warns when production gives Prometheus no way to /metrics', () => {
    const url = 'https://motcua.sogd.example.vn';
    const none = startBanner(config('production', url, { metricsToken: null }));
    expect(none.warnings).toEqual([expect.stringMatching(/METRICS_TOKEN.*METRICS_PORT/s)]);
    expect(startBanner(config('development', url, { metricsToken: null })).warnings).toEqual([]);
    const own = startBanner(config('production', url, { metricsToken: null, port: 9464 }));
    expect(own.warnings).toEqual([]);
    expect(own.lines).toContain('Prometheus metrics http://127.0.0.1:9464/metrics');
  });
});
