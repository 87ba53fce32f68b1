// @ts-check
// The escalation inbox: the escalations this user receives (directors and admins: all), newest
// first, filtered by acknowledgement and level, a page at a time; a recipient acknowledges here.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, errorMessage } from '../api.js';
import { formatDateTime, ROLE_LABELS } from '../format.js';
import { ESCALATION_LEVELS, inboxCounts, refreshInboxCounts } from '../inbox.js';
import { Link } from '../router.js';
import { session } from '../session.js';

const PAGE = 20;

/** @typedef {import('../types.js').ApiObject} ApiObject */

function recipientsText(recipients) {
  return recipients
    .map((r) => `${r.name ?? r.email ?? ''} (${ROLE_LABELS[r.role] ?? r.role})`)
    .join(', ');
}

/** @param {{ item: ApiObject, onAcknowledged: (row: ApiObject) => void }} props */
function EscalationItem({ item, onAcknowledged }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const me = session.value?.user.id;
  const mine = item.recipients.some((r) => r.userId === me);
  const acknowledge = async () => {
    setBusy(true);
    try {
      onAcknowledged(await api(`/escalations/${item.id}/acknowledge`, { method: 'POST' }));
      void refreshInboxCounts();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return html`<li class="inbox__item" data-testid="escalation">
    <h2>
      <span class=${`badge ${item.level >= 3 ? 'risk--overdue' : 'badge--status'}`}
        >Mức ${item.level}: ${ESCALATION_LEVELS[item.level]}</span
      >
      ${' '}
      <${Link} href=${`/app/ho-so/${encodeURIComponent(item.applicationCode)}`} class="code"
        >${item.applicationCode}<//
      >
    </h2>
    <p class="inbox__meta">
      <span>${item.procedureName}</span>
      <span>Hạn giải quyết: ${formatDateTime(item.dueAt)}</span>
      <span>Cảnh báo lúc: ${formatDateTime(item.raisedAt)}</span>
    </p>
    <p class="inbox__meta"><span>Người nhận: ${recipientsText(item.recipients)}</span></p>
    ${
      item.acknowledgedAt
        ? html`<p class="inbox__meta">
            <span>Đã xác nhận lúc ${formatDateTime(item.acknowledgedAt)}</span>
          </p>`
        : mine
          ? html`<button
              type="button"
              class="button button--secondary"
              disabled=${busy}
              onClick=${acknowledge}
            >
              Xác nhận đã nắm thông tin
            </button>`
          : html`<p class="inbox__meta"><span>Chưa có người nhận xác nhận</span></p>`
    }
    ${error ? html`<p role="alert" class="error-text">${error}</p>` : null}
  </li>`;
}

export function EscalationsPage() {
  const [acknowledged, setAcknowledged] = useState('false');
  const [level, setLevel] = useState('');
  const [rows, setRows] = useState(/** @type {ApiObject[] | null} */ (null));
  const [more, setMore] = useState(false);
  const [error, setError] = useState('');
  const open = inboxCounts.value?.openEscalations;

  /** @param {string | null} after */
  const load = async (after) => {
    try {
      const page = await api('/escalations', {
        query: { acknowledged: acknowledged || undefined, level, after, limit: PAGE },
      });
      setRows((before) => (after && before ? [...before, ...page] : page));
      setMore(page.length === PAGE);
      setError('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    setRows(null);
    void load(null);
  }, [acknowledged, level]);

  const replace = (row) =>
    setRows((before) => (before ?? []).map((r) => (r.id === row.id ? { ...r, ...row } : r)));

  return html`<div class="page">
    <h1>Hộp cảnh báo hồ sơ</h1>
    <p>
      Hồ sơ sắp đến hạn hoặc quá hạn được cảnh báo đến bạn.
      ${open !== undefined ? html` Chưa xác nhận: <strong data-testid="open-escalations">${open}</strong>.` : null}
    </p>
    <div class="inbox__filters">
      <div class="field">
        <label for="esc-ack">Trạng thái</label>
        <select
          id="esc-ack"
          value=${acknowledged}
          onChange=${(e) => setAcknowledged(e.currentTarget.value)}
        >
          <option value="false">Chưa xác nhận</option>
          <option value="true">Đã xác nhận</option>
          <option value="">Tất cả</option>
        </select>
      </div>
      <div class="field">
        <label for="esc-level">Mức cảnh báo</label>
        <select id="esc-level" value=${level} onChange=${(e) => setLevel(e.currentTarget.value)}>
          <option value="">Tất cả các mức</option>
          ${Object.entries(ESCALATION_LEVELS).map(
            ([n, label]) => html`<option value=${n}>Mức ${n}: ${label}</option>`,
          )}
        </select>
      </div>
    </div>
    ${error ? html`<p role="alert" class="alert alert--error">${error}</p>` : null}
    ${rows === null && !error ? html`<p>Đang tải…</p>` : null}
    ${rows && rows.length === 0 ? html`<p>Không có cảnh báo nào.</p>` : null}
    ${
      rows && rows.length > 0
        ? html`<ul class="inbox__list">
            ${rows.map((r) => html`<${EscalationItem} key=${r.id} item=${r} onAcknowledged=${replace} />`)}
          </ul>`
        : null
    }
    ${
      more && rows
        ? html`<button
            type="button"
            class="button button--secondary"
            onClick=${() => load(rows[rows.length - 1].id)}
          >
            Xem thêm
          </button>`
        : null
    }
  </div>`;
}
