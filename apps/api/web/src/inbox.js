// @ts-check
// The bell's and the escalation inbox's badges: one signal, refreshed by the notifications
// stream, by the bell and by the inbox after an acknowledgement.
import { signal } from '@preact/signals';
import { api } from './api.js';

/** @typedef {{ unreadNotifications: number, openEscalations: number }} InboxCounts */

/** @type {import('@preact/signals').Signal<InboxCounts | null>} */
export const inboxCounts = signal(null);

/** Asks the API again; a failure keeps the last figures (the bell is not worth an error). */
export async function refreshInboxCounts() {
  try {
    inboxCounts.value = await api('/notifications/counts');
  } catch {
    // offline or logged out: leave the badges as they were
  }
}

/** The escalation levels in words (escalationMessage in libs/core says the same). */
export const ESCALATION_LEVELS = {
  1: 'Sắp đến hạn',
  2: 'Đến hạn hôm nay',
  3: 'Đã quá hạn',
  4: 'Quá hạn nhiều ngày',
};
