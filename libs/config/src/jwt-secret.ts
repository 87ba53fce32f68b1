import { readFileSync } from 'node:fs';

/**
 * The secret development and tests sign with when none is given. It is public (it is in this
 * repository), so production refuses it like every other known value below.
 */
export const DEV_JWT_SECRET = 'motcua-development-secret-change-me';

/** HS256 wants a key as long as its output: 32 bytes at least. */
export const JWT_SECRET_MIN_BYTES = 32;

/**
 * Values published with motcua, so known to anyone: the development default, the one
 * docker-compose.yml carried before it generated its own, and the benchmarks'.
 */
const KNOWN_SECRETS = new Set([
  DEV_JWT_SECRET,
  'dev-only-jwt-secret-change-me',
  'motcua-bench-intake-secret-not-for-production',
  'motcua-bench-metrics-secret-not-for-production',
  'motcua-bench-events-secret-not-for-production',
]);

/** Words of placeholder values ("change-me", "your-secret-here", …): never a real secret. */
const PLACEHOLDER =
  /change[-_ .]?me|not[-_ .]?for[-_ .]?production|example|placeholder|your[-_ .]?secret|default/i;

export interface JwtSecretSource {
  JWT_SECRET?: string;
  JWT_SECRET_FILE?: string;
}

/**
 * The secret from JWT_SECRET or JWT_SECRET_FILE (one of them), and every problem with it.
 * Messages name the variable and the rule, never the value: they end up in logs.
 */
export function resolveJwtSecret(
  source: JwtSecretSource,
  env: 'development' | 'test' | 'production',
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): { secret: string; problems: string[] } {
  const problems: string[] = [];
  let secret: string | undefined = source.JWT_SECRET;
  let name = 'JWT_SECRET';
  if (source.JWT_SECRET !== undefined && source.JWT_SECRET_FILE !== undefined) {
    problems.push('JWT_SECRET, JWT_SECRET_FILE: set only one of them');
  } else if (source.JWT_SECRET_FILE !== undefined) {
    name = 'JWT_SECRET_FILE';
    try {
      // A trailing newline (echo, an editor) is not part of the secret.
      secret = readFile(source.JWT_SECRET_FILE).replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(
        `JWT_SECRET_FILE: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
      return { secret: '', problems };
    }
  }
  if (secret === undefined) {
    if (env === 'production') {
      problems.push('JWT_SECRET: required in production (or JWT_SECRET_FILE)');
    }
    return { secret: DEV_JWT_SECRET, problems };
  }
  problems.push(...jwtSecretProblems(secret, env).map((p) => `${name}: ${p}`));
  return { secret, problems };
}

/** Why a secret may not be used in this environment (empty when it may). */
export function jwtSecretProblems(
  secret: string,
  env: 'development' | 'test' | 'production',
): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < JWT_SECRET_MIN_BYTES) {
    problems.push(`must be at least ${JWT_SECRET_MIN_BYTES} bytes (it has ${bytes})`);
  }
  if (env !== 'production') {
    return problems;
  }
  if (KNOWN_SECRETS.has(secret)) {
    problems.push(
      'is a published value (README, docker-compose.yml, benchmarks): generate your own',
    );
  } else if (PLACEHOLDER.test(secret)) {
    problems.push('looks like a placeholder ("change-me", "example", …): generate your own');
  } else if (new Set(secret).size < 10) {
    problems.push('has fewer than 10 different characters: generate a random one');
  }
  return problems;
}
