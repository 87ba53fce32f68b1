import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_JWT_SECRET } from './jwt-secret';
import { ConfigValidationError, loadConfig } from './load-config';

const STRONG = 'q7V9xJ2mK4pL8sD1fG6hZ3cB5nM0wE2rT9yU4iO7aS'; // 42 random characters

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as ConfigValidationError).problems;
  }
  return [];
}

describe('JWT secret', () => {
  it.each([
    ['none', {}, /JWT_SECRET: required in production/],
    ['the built-in development secret', { JWT_SECRET: DEV_JWT_SECRET }, /published value/],
    [
      'the value docker-compose.yml used to carry',
      { JWT_SECRET: 'dev-only-jwt-secret-change-me' },
      /published value/,
    ],
    [
      'a benchmark secret',
      { JWT_SECRET: 'motcua-bench-intake-secret-not-for-production' },
      /published value/,
    ],
    [
      'a placeholder',
      { JWT_SECRET: 'please-change-me-before-going-live-0123456789' },
      /placeholder/,
    ],
    ['31 bytes', { JWT_SECRET: STRONG.slice(0, 31) }, /at least 32 bytes \(it has 31\)/],
    ['a repeated character', { JWT_SECRET: 'a'.repeat(64) }, /fewer than 10 different/],
  ])('production refuses %s', (_name, env, message) => {
    const problems = problemsOf({ NODE_ENV: 'production', ...env });
    expect(problems.join('\n')).toMatch(message);
    expect(problems.join('\n')).toMatch(/^JWT_SECRET/m);
  });

  it('never repeats the secret in a message', () => {
    const secret = 'short-but-secret-value';
    const problems = problemsOf({ NODE_ENV: 'production', JWT_SECRET: secret });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).not.toContain(secret);
  });

  it('counts bytes, not characters: 16 Vietnamese letters are 32 bytes', () => {
    expect(problemsOf({ NODE_ENV: 'test', JWT_SECRET: 'ắ'.repeat(10) })).toEqual([
      'JWT_SECRET: must be at least 32 bytes (it has 30)',
    ]);
    expect(problemsOf({ NODE_ENV: 'test', JWT_SECRET: 'ắ'.repeat(11) })).toEqual([]);
  });

  it('production accepts a random secret of 32 bytes or more', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG }).auth.jwtSecret).toBe(STRONG);
  });

  it('development and tests use the built-in secret when none is given', () => {
    expect(loadConfig({}).auth.jwtSecret).toBe(DEV_JWT_SECRET);
    expect(loadConfig({ NODE_ENV: 'test' }).auth.jwtSecret).toBe(DEV_JWT_SECRET);
  });

  it('reads JWT_SECRET_FILE (without its trailing newline), checked by the same rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-secret-'));
    const good = join(dir, 'good');
    writeFileSync(good, `${STRONG}\n`);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET_FILE: good }).auth.jwtSecret).toBe(
      STRONG,
    );
    const known = join(dir, 'known');
    writeFileSync(known, DEV_JWT_SECRET);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET_FILE: known }).join('\n')).toMatch(
      /^JWT_SECRET_FILE: is a published value/m,
    );
    expect(
      problemsOf({ NODE_ENV: 'production', JWT_SECRET_FILE: join(dir, 'missing') }).join('\n'),
    ).toMatch(/^JWT_SECRET_FILE: cannot be read \(ENOENT\)/m);
    expect(
      problemsOf({ NODE_ENV: 'production', JWT_SECRET: STRONG, JWT_SECRET_FILE: good }).join('\n'),
    ).toMatch(/set only one of them/);
  });
});

describe('session settings', () => {
  it('defaults: 15 min access tokens, 12 h logins, Secure cookie only in production', () => {
    const dev = loadConfig({});
    expect(dev.auth).toMatchObject({
      accessTokenTtlSeconds: 900,
      refreshTokenTtlHours: 12,
      cookieSecure: false,
      issuer: 'motcua',
      audience: 'motcua-api',
      accountCheckTtlMs: 500,
      passwordMinLength: 12,
    });
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG }).auth.cookieSecure).toBe(true);
  });

  it.each([
    ['ACCESS_TOKEN_TTL_SECONDS', '901'],
    ['ACCOUNT_CHECK_TTL_MS', '1001'],
    ['PASSWORD_MIN_LENGTH', '7'],
    ['STREAM_MAX_PER_USER', '0'],
  ])('refuses %s=%s', (name, value) => {
    expect(problemsOf({ [name]: value }).join('\n')).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});
