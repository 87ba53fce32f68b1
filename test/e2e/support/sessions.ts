import type { Response } from 'supertest';
import type { TestApp } from '../../setup/test-app';

export const LOGIN = '/api/v1/auth/login';
export const REFRESH = '/api/v1/auth/refresh';
export const LOGOUT = '/api/v1/auth/logout';
export const PASSWORD = '/api/v1/auth/password';
export const ME = '/api/v1/auth/me';

/** The Set-Cookie line for `name`, split into its value and attributes. */
export function cookieOf(res: Response, name: string) {
  const raw = res.headers['set-cookie'] as unknown as string[] | string | undefined;
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const line = lines.find((l) => l.startsWith(`${name}=`));
  if (!line) {
    return null;
  }
  const [pair, ...attributes] = line.split(';').map((p) => p.trim());
  return {
    value: pair.slice(name.length + 1),
    attributes: attributes.map((a) => a.toLowerCase()),
    /** What a browser sends back. */
    header: pair,
  };
}

export async function login(t: TestApp, username: string, password: string) {
  const res = await t.http.post(LOGIN).send({ username, password });
  if (res.status !== 200) {
    throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const cookie = cookieOf(res, 'motcua_refresh');
  return { accessToken: res.body.accessToken as string, cookie: cookie!.header, res };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Polls until `check` holds; returns how long it took (ms), or throws after `ms`. */
export async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) {
      throw new Error(`not within ${ms} ms`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}
