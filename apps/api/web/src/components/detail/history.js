// @ts-check
// The application's history in Vietnamese: who did what, and what each step recorded (the
// divisions of a liên thông transfer, an apology's new date and reason, reviews and signatures).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api } from '../../api.js';
import {
  ACTION_LABELS,
  CHANNEL_LABELS,
  formatDateTime,
  REVIEW_STAGE_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  STOP_REASON_LABELS,
} from '../../format.js';

/** @type {Promise<Map<string, string>> | null} */
let departmentNames = null;

/** Division names by id, asked once per page load. */
function loadDepartmentNames() {
  departmentNames ??= api('/departments')
    .then((rows) => new Map(rows.map((d) => [d.id, d.name])))
    .catch(() => {
      departmentNames = null;
      return new Map();
    });
  return departmentNames;
}

// One string: htm drops whitespace that contains a line break, so keep the arrow's spaces here.
const statusChange = (h) =>
  `${STATUS_LABELS[h.fromStatus] ?? h.fromStatus} → ${STATUS_LABELS[h.toStatus] ?? h.toStatus}`;

/**
 * What the entry recorded, as lines of Vietnamese.
 * @param {import('../../types.js').ApiObject} h
 * @param {Map<string, string>} names
 * @returns {string[]}
 */
export function historyDetails(h, names) {
  const p = h.payload ?? {};
  const division = (id) => (id ? (names.get(id) ?? 'một phòng khác') : '—');
  const lines = [];
  switch (h.action) {
    case 'hand-over':
      lines.push(`Phòng chuyển: ${division(p.fromDepartmentId)}`);
      lines.push(`Phòng nhận: ${division(p.toDepartmentId)}`);
      if (p.budgetWorkingDays !== undefined) {
        lines.push(
          `Thời hạn bước này: ${p.budgetWorkingDays} ngày làm việc, đến ${formatDateTime(p.stepDueAt)}`,
        );
      }
      break;
    case 'apologize':
      lines.push(`Ngày hẹn trả mới: ${formatDateTime(p.newDueAt)}`);
      lines.push(`Ngày hẹn trước đó: ${formatDateTime(p.previousDueAt)}`);
      if (p.reason) {
        lines.push(`Lý do: ${p.reason}`);
      }
      if (p.responsibleDepartmentId) {
        lines.push(`Đơn vị chịu trách nhiệm: ${division(p.responsibleDepartmentId)}`);
      }
      break;
    case 'refuse':
      for (const reason of p.reasons ?? []) {
        lines.push(
          `Lý do: ${typeof reason === 'string' ? reason : (reason.text ?? reason.reason ?? '')}`,
        );
      }
      break;
    case 'request-supplement':
      for (const item of p.items ?? []) {
        lines.push(
          `Cần bổ sung: ${typeof item === 'string' ? item : (item.name ?? item.text ?? '')}`,
        );
      }
      if (p.reason) {
        lines.push(`Lý do: ${p.reason}`);
      }
      break;
    case 'receive-supplement':
      if (p.dueAt) {
        lines.push(`Ngày hẹn trả mới: ${formatDateTime(p.dueAt)}`);
      }
      break;
    case 'submit-for-review':
    case 'approve-review':
      if (p.nextStep) {
        lines.push(
          `Chuyển đến: ${ROLE_LABELS[p.nextStep.role] ?? p.nextStep.role} ${
            REVIEW_STAGE_LABELS[p.nextStep.stage] ?? p.nextStep.stage
          }`,
        );
      }
      break;
    case 'sign-result':
      if (p.resultNumber) {
        lines.push(`Số kết quả: ${p.resultNumber}`);
      }
      if (p.digitallySigned) {
        lines.push('Ký số');
      }
      break;
    case 'send-back':
      if (p.reason) {
        lines.push(`Lý do trả lại: ${p.reason}`);
      }
      break;
    case 'stop':
      if (p.stopReason) {
        lines.push(`Trường hợp: ${STOP_REASON_LABELS[p.stopReason] ?? p.stopReason}`);
      }
      if (p.reason) {
        lines.push(`Lý do: ${p.reason}`);
      }
      break;
    case 'mark-result-ready':
      if (p.resultNumber) {
        lines.push(`Số kết quả: ${p.resultNumber}`);
      }
      if (p.digitallySigned) {
        lines.push('Kết quả đã được ký số');
      }
      if (p.electronicResult) {
        lines.push('Có kết quả điện tử');
      }
      break;
    case 'return-result':
      if (p.deliveryChannel) {
        lines.push(`Trả qua: ${CHANNEL_LABELS[p.deliveryChannel] ?? p.deliveryChannel}`);
      }
      if (p.trackingCode) {
        lines.push(`Mã bưu gửi: ${p.trackingCode}`);
      }
      break;
    case 'receive':
      if (p.handOverSignedAt) {
        lines.push(
          `Tiếp nhận theo biên bản giao nhận ký lúc ${formatDateTime(p.handOverSignedAt)}`,
        );
      }
      break;
    default:
      if (typeof p.reason === 'string' && p.reason) {
        lines.push(`Lý do: ${p.reason}`);
      }
      if (p.comment) {
        lines.push(`Ý kiến: ${p.comment}`);
      }
      if (p.toDepartmentId || p.departmentId) {
        lines.push(`Phòng: ${division(p.toDepartmentId ?? p.departmentId)}`);
      }
  }
  // The desk's checklist at intake: each document handed in, original or copy, and how many.
  for (const d of Array.isArray(p.receivedDocuments) ? p.receivedDocuments : []) {
    const form = d.form === 'original' ? 'bản chính' : 'bản sao';
    lines.push(`Đã nhận: ${d.name} (${String(d.copies).padStart(2, '0')} ${form})`);
  }
  if (p.correction?.reason) {
    lines.push(`Điều chỉnh của quản trị hệ thống: ${p.correction.reason}`);
  }
  return lines;
}

export function History({ entries }) {
  const [names, setNames] = useState(/** @type {Map<string, string>} */ (new Map()));
  useEffect(() => {
    void loadDepartmentNames().then(setNames);
  }, []);
  if (!entries?.length) {
    return null;
  }
  return html`
    <section aria-labelledby="history-title">
      <h3 id="history-title">Quá trình xử lý</h3>
      <ol class="timeline">
        ${[...entries].reverse().map(
          (h) =>
            html`<li class="timeline__item" data-action=${h.action}>
              <time datetime=${h.at}>${formatDateTime(h.at)}</time>
              <div>
                <strong>${ACTION_LABELS[h.action] ?? 'Cập nhật hồ sơ'}</strong>
                ${
                  h.fromStatus && h.fromStatus !== h.toStatus
                    ? html` <span class="muted">(${statusChange(h)})</span>`
                    : null
                }
                ${h.actor?.name ? html`<div class="muted">${h.actor.name}</div>` : null}
                ${historyDetails(h, names).map((line) => html`<div class="timeline__detail">${line}</div>`)}
                ${h.note ? html`<div class="timeline__note">${h.note}</div>` : null}
              </div>
            </li>`,
        )}
      </ol>
    </section>
  `;
}
