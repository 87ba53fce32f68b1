// The logged-in account. The token lives in sessionStorage: it ends with the browser tab.
import { signal } from '@preact/signals';

const KEY = 'motcua.session';

function load() {
  try {
    const saved = JSON.parse(window.sessionStorage.getItem(KEY) ?? 'null');
    return saved && saved.accessToken && saved.user ? saved : null;
  } catch {
    return null;
  }
}

/** {accessToken, user: {id, username, fullName, role, departmentId}} or null. */
export const session = signal(load());

export function saveSession(value) {
  window.sessionStorage.setItem(KEY, JSON.stringify(value));
  session.value = value;
}

export function clearSession() {
  window.sessionStorage.removeItem(KEY);
  session.value = null;
}

export const canSeeDashboard = (role) => ['head', 'director', 'admin', 'supervisor'].includes(role);

export function homeFor(role) {
  if (role === 'reception') {
    return '/app/tiep-nhan';
  }
  return canSeeDashboard(role) ? '/app/bang-dieu-khien' : '/app/ho-so';
}

export const canReceive = (role) => role === 'reception' || role === 'admin';
