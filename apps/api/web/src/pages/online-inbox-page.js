// @ts-check
// The desk's online inbox: applications submitted online (status 1) waiting for the legal
// check, the nearest check deadline first. The desk opens the uploaded files, then accepts
// (received, code 2: the clock starts now) or refuses with reasons (code 3).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, ApiError, errorMessage } from '../api.js';
import { formatDateTime } from '../format.js';
import { canReceive, session } from '../session.js';
import { timeLeft, workingDayChecker } from '../working-days.js';
import { Alert } from '../components/field.js';
import { FilesPanel } from '../components/detail/files-panel.js';
import { RefuseForm } from '../components/online/refuse-form.js';

/** @typedef {import('../types.js').ApiObject} ApiObject */

/** The check deadline in words: the API's checkOverdue flag decides "missed". */
function CheckDue({ item, isWorkingDay }) {
  if (!item.checkDueAt) {
    return html`<span class="badge risk--ok">Chưa có hạn kiểm tra</span>`;
  }
  const left = isWorkingDay ? timeLeft(item.checkDueAt, isWorkingDay) : null;
  const overdue = item.checkOverdue || left?.level === 'overdue';
  const label = overdue
    ? `Quá hạn kiểm tra${left && left.label !== 'Quá hạn' ? ` (${left.label.toLowerCase()})` : ''}`
    : (left?.label ?? '');
  if (!label) {
    return null;
  }
  return html`<span
    class=${`badge risk risk--${overdue ? 'overdue' : (left?.level ?? 'ok')}`}
    data-testid="check-left"
    >${label}</span
  >`;
}

/**
 * @param {{ item: ApiObject, isWorkingDay: ((day: string) => boolean) | null,
 *   onDone: (message: string) => void, onConflict: (message: string) => void }} props
 */
function InboxItem({ item, isWorkingDay, onDone, onConflict }) {
  const [open, setOpen] = useState(/** @type {'files' | 'refuse' | null} */ (null));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const user = session.value?.user;
  const mayAct = user ? canReceive(user.role) : false;
  const path = `/applications/${encodeURIComponent(item.id)}`;

  /** @param {string} action @param {Record<string, unknown>} extra */
  const act = async (action, extra) => {
    setBusy(true);
    setError('');
    try {
      const after = await api(`${path}/${action}`, {
        method: 'POST',
        body: { version: item.version, ...extra },
      });
      onDone(
        action === 'receive'
          ? `Đã tiếp nhận hồ sơ ${after.code}. Hẹn trả kết quả: ${formatDateTime(after.dueAt)}.`
          : `Đã từ chối tiếp nhận hồ sơ ${after.code}. Người nộp được báo qua thư điện tử.`,
      );
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        onConflict(`Hồ sơ ${item.code}: ${errorMessage(e)}`);
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const titleId = `online-${item.id}`;
  return html`<li class="inbox__item" data-testid="online-item" aria-labelledby=${titleId}>
    <h2 id=${titleId}><span class="code">${item.code}</span></h2>
    <p class="inbox__meta">
      <span>${item.procedureName} (${item.procedureCode})</span>
      <span>Người nộp: ${item.applicantFullName}</span>
    </p>
    <p class="inbox__meta">
      <span>Nộp lúc: ${formatDateTime(item.submittedAt)}</span>
      <span>Hạn kiểm tra: ${formatDateTime(item.checkDueAt)}</span>
      <${CheckDue} item=${item} isWorkingDay=${isWorkingDay} />
    </p>
    ${
      item.checkEscalatedAt
        ? html`<p class="inbox__meta">
            <span
              >Đã báo Lãnh đạo Sở về việc quá hạn kiểm tra lúc
              ${formatDateTime(item.checkEscalatedAt)}</span
            >
          </p>`
        : null
    }
    <${Alert}>${error}<//>
    <div class="detail__actions" role="group" aria-label=${`Thao tác với hồ sơ ${item.code}`}>
      <button
        type="button"
        class="button button--secondary"
        aria-expanded=${open === 'files' ? 'true' : 'false'}
        onClick=${() => setOpen(open === 'files' ? null : 'files')}
      >
        Xem giấy tờ (${item.fileCount})
      </button>
      ${
        mayAct
          ? html`<button
                type="button"
                class="button button--primary"
                disabled=${busy}
                onClick=${() => act('receive', {})}
              >
                Tiếp nhận
              </button>
              <button
                type="button"
                class="button button--secondary"
                aria-expanded=${open === 'refuse' ? 'true' : 'false'}
                onClick=${() => setOpen(open === 'refuse' ? null : 'refuse')}
              >
                Từ chối
              </button>`
          : null
      }
    </div>
    ${
      open === 'files'
        ? html`<${FilesPanel} code=${item.id} emptyText="Hồ sơ không có giấy tờ điện tử." />`
        : null
    }
    ${
      open === 'refuse'
        ? html`<${RefuseForm}
            code=${item.code}
            busy=${busy}
            onSubmit=${(reasons, note) => act('refuse', note ? { reasons, note } : { reasons })}
            onCancel=${() => setOpen(null)}
          />`
        : null
    }
  </li>`;
}

export function OnlineInboxPage() {
  const [rows, setRows] = useState(/** @type {ApiObject[] | null} */ (null));
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [isWorkingDay, setIsWorkingDay] = useState(
    /** @type {(() => ((day: string) => boolean) | null)} */ (() => null),
  );

  const load = async () => {
    try {
      const items = await api('/online-inbox');
      setRows(items);
      const checker = await workingDayChecker(items.map((r) => r.checkDueAt));
      setIsWorkingDay(() => checker);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    document.title = 'Hồ sơ nộp trực tuyến — Một cửa';
    void load();
  }, []);

  const done = (message) => {
    setError('');
    setNotice(message);
    void load();
  };
  const conflict = (message) => {
    setNotice('');
    setError(message);
    void load();
  };
  const overdue = (rows ?? []).filter((r) => r.checkOverdue).length;

  return html`<div class="page">
    <h1>Hồ sơ nộp trực tuyến chờ tiếp nhận</h1>
    <p>
      Kiểm tra giấy tờ điện tử rồi tiếp nhận (thời hạn giải quyết bắt đầu tính từ lúc tiếp nhận)
      hoặc từ chối có nêu lý do. Hồ sơ gần hết hạn kiểm tra ở trên cùng.
      ${
        rows
          ? html` Đang chờ: <strong data-testid="online-waiting">${rows.length}</strong>${
                overdue ? html`, quá hạn kiểm tra: <strong>${overdue}</strong>` : null
              }.`
          : null
      }
    </p>
    <${Alert}>${error}<//>
    ${notice ? html`<${Alert} kind="success">${notice}<//>` : null}
    ${rows === null && !error ? html`<p>Đang tải…</p>` : null}
    ${rows && rows.length === 0 ? html`<p>Không có hồ sơ trực tuyến nào chờ tiếp nhận.</p>` : null}
    ${
      rows && rows.length > 0
        ? html`<ul class="inbox__list">
            ${rows.map(
              (r) =>
                html`<${InboxItem}
                  key=${`${r.id}-${r.version}`}
                  item=${r}
                  isWorkingDay=${isWorkingDay}
                  onDone=${done}
                  onConflict=${conflict}
                />`,
            )}
          </ul>`
        : null
    }
  </div>`;
}
