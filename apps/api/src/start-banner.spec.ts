import type { AppConfig } from '@app/config';
import { startBanner } from './start-banner';

const config = (env: AppConfig['env'], publicBaseUrl: string) =>
  ({ env, api: { host: '0.0.0.0', port: 3000, publicBaseUrl } }) as unknown as AppConfig;

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
});
