import { parse, serialize } from 'cookie';
import type { FastifyRequest } from 'fastify';

/** The web app's refresh token: sent only to /api/v1/auth (refresh, logout, password). */
export const REFRESH_COOKIE = 'motcua_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
/** Bull Board's session: sent only to /admin/queues. */
export const QUEUES_COOKIE = 'motcua_queues';
export const QUEUES_COOKIE_PATH = '/admin/queues';

/** A cookie's value from the request, or null. */
export function readCookie(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string' || header === '') {
    return null;
  }
  const value = parse(header)[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * httpOnly (no script reads it), SameSite=Strict (no other site makes the browser send it),
 * limited to the path that needs it, Secure in production.
 */
export function sessionCookie(
  name: string,
  path: string,
  value: string,
  maxAgeSeconds: number,
  secure: boolean,
): string {
  return serialize(name, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path,
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  });
}

export function clearedCookie(name: string, path: string, secure: boolean): string {
  return serialize(name, '', {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path,
    expires: new Date(0),
  });
}
