// @ts-check
// The logged-in account. The token lives in sessionStorage: it ends with the browser tab.
import { signal } from '@preact/signals';

/**
 * @typedef {{ id: string, username: string, fullName: string, role: string,
 *   departmentId: string | null }} SessionUser
 * @typedef {{ accessToken: string, user: SessionUser }} Session
 */

const KEY = 'motcua.session';

/** @returns {Session | null} */
function load() {
  try {
    const saved = JSON.parse(window.sessionStorage.getItem(KEY) ?? 'null');
    return saved && saved.accessToken && saved.user ? saved : null;
  } catch {
    return null;
  }
}

/** The logged-in account, or null. */
export const session = signal(load());

/** @param {Session} value */
export function saveSession(value) {
  window.sessionStorage.setItem(KEY, JSON.stringify(value));
  session.value = value;
}

export function clearSession() {
  window.sessionStorage.removeItem(KEY);
  session.value = null;
}

/** @param {string} role */
export const canSeeDashboard = (role) => ['head', 'director', 'admin', 'supervisor'].includes(role);

/** @param {string} role */
export function homeFor(role) {
  if (role === 'reception') {
    return '/app/tiep-nhan';
  }
  return canSeeDashboard(role) ? '/app/bang-dieu-khien' : '/app/ho-so';
}

/** @param {string} role */
export const canReceive = (role) => role === 'reception' || role === 'admin';

/** @param {string} role */
export const canSeeOnlineInbox = (role) =>
  ['reception', 'admin', 'director', 'supervisor'].includes(role);

/**
 * Staff who read feedback and petitions (PAKN); officers do not.
 * @param {string} role
 */
export const canSeePetitions = (role) =>
  ['reception', 'admin', 'director', 'head', 'supervisor'].includes(role);

/**
 * Staff who record and act on PAKN (the supervising office only reads).
 * @param {string} role
 */
export const canActOnPetitions = (role) =>
  ['reception', 'admin', 'director', 'head'].includes(role);
