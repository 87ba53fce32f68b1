// @ts-check
// The bell: unread count from the API, kept live by the notifications stream; the panel lists
// the latest notifications, each marked read when opened or with one click.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, errorMessage } from '../api.js';
import { formatDateTime } from '../format.js';
import { inboxCounts, refreshInboxCounts } from '../inbox.js';
import { Link, navigate } from '../router.js';
import { useLiveUpdates } from './dashboard/live-updates.js';

const SHOWN = 20;

/** @param {{ open: boolean, onClose: () => void }} props */
function NotificationPanel({ open, onClose }) {
  const [items, setItems] = useState(
    /** @type {import('../types.js').ApiObject[] | null} */ (null),
  );
  const [error, setError] = useState('');
  const unread = inboxCounts.value?.unreadNotifications ?? 0;

  const load = async () => {
    try {
      setItems(await api('/notifications', { query: { limit: SHOWN } }));
      setError('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    if (open) {
      void load();
    }
  }, [open, unread]);

  const markRead = async (item) => {
    if (!item.readAt) {
      await api(`/notifications/${item.id}/read`, { method: 'POST' });
      await refreshInboxCounts();
    }
  };
  const openItem = async (item) => {
    await markRead(item).catch(() => undefined);
    onClose();
    const target = notificationTarget(item);
    if (target) {
      navigate(target);
    }
  };
  const markAll = async () => {
    try {
      await api('/notifications/read-all', { method: 'POST' });
      await refreshInboxCounts();
      await load();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  if (!open) {
    return null;
  }
  return html`<div class="bell__panel" id="notifications" role="region" aria-label="Thông báo">
    <div class="bell__head">
      <strong>Thông báo</strong>
      ${
        unread > 0
          ? html`<button type="button" class="button button--link" onClick=${markAll}>
              Đánh dấu tất cả đã đọc
            </button>`
          : null
      }
    </div>
    ${error ? html`<p role="alert" class="error-text">${error}</p>` : null}
    ${items === null && !error ? html`<p>Đang tải…</p>` : null}
    ${items && items.length === 0 ? html`<p>Chưa có thông báo.</p>` : null}
    ${
      items && items.length > 0
        ? html`<ul class="bell__list">
            ${items.map(
              (n) =>
                html`<li
                  key=${n.id}
                  class=${n.readAt ? 'bell__item' : 'bell__item bell__item--unread'}
                >
                  <button type="button" class="bell__open" onClick=${() => openItem(n)}>
                    <span class="bell__title"
                      >${n.readAt ? '' : html`<span class="visually-hidden">Chưa đọc: </span>`}${n.title}</span
                    >
                    <span class="bell__body">${n.body}</span>
                    <span class="bell__time">${formatDateTime(n.createdAt)}</span>
                  </button>
                </li>`,
            )}
          </ul>`
        : null
    }
    <p class="bell__foot">
      <${Link} href="/app/canh-bao" onClick=${onClose}>Xem hộp cảnh báo<//>
    </p>
  </div>`;
}

/**
 * Where a notification leads: the application it is about, or for the citizens' deadlines the
 * petition (its code is in the title: PAKN-yymmdd-XXXXXX) or the online inbox.
 */
function notificationTarget(item) {
  if (item.kind === 'petition_deadline') {
    const code = /PAKN-\d{6}-[0-9A-F]{6}/.exec(item.title)?.[0];
    return code ? `/app/pakn/${code}` : '/app/pakn';
  }
  if (item.kind === 'online_check_missed') {
    return '/app/tiep-nhan-truc-tuyen';
  }
  return item.applicationId ? `/app/ho-so/${encodeURIComponent(item.applicationId)}` : null;
}

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const panel = useRef(/** @type {HTMLElement | null} */ (null));
  useLiveUpdates(() => void refreshInboxCounts(), '/notifications');
  useEffect(() => {
    void refreshInboxCounts();
  }, []);
  useEffect(() => {
    if (!open) {
      return undefined;
    }
    const onKey = (event) => event.key === 'Escape' && setOpen(false);
    const onClick = (event) => !panel.current?.contains(event.target) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, [open]);
  const unread = inboxCounts.value?.unreadNotifications ?? 0;
  return html`
    <div class="bell" ref=${panel}>
      <button
        type="button"
        class="button button--ghost bell__button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="notifications"
        data-testid="bell"
        onClick=${() => setOpen(!open)}
      >
        <svg
          class="icon"
          viewBox="0 0 24 24"
          width="18"
          height="18"
          aria-hidden="true"
          focusable="false"
        >
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        <span class="bell__label">Thông báo</span>
        ${
          unread > 0
            ? html`<span class="badge" data-testid="bell-count"
                >${unread}<span class="visually-hidden"> chưa đọc</span></span
              >`
            : null
        }
      </button>
      <${NotificationPanel} open=${open} onClose=${() => setOpen(false)} />
    </div>
  `;
}
