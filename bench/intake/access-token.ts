import { createHmac } from 'node:crypto';

/**
 * A bearer token for the reception user: by logging in, or, where the login endpoint does not
 * exist, an HS256 token signed with the API's JWT_SECRET (the claims JwtAuthGuard reads).
 */
export async function obtainAccessToken(
  baseUrl: string,
  credentials: { username: string; password: string },
  fallback: { secret: string; claims: Record<string, unknown> },
): Promise<{ token: string; how: string }> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.ok) {
    const body = (await response.json()) as { accessToken: string };
    return { token: body.accessToken, how: 'POST /api/v1/auth/login' };
  }
  if (response.status !== 404) {
    throw new Error(`login failed: ${response.status} ${await response.text()}`);
  }
  return {
    token: signHs256(fallback.claims, fallback.secret),
    how: 'signed HS256 (no login endpoint)',
  };
}

function signHs256(claims: Record<string, unknown>, secret: string): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ ...claims, iat: now, exp: now + 3600 })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
