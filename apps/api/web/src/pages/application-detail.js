// @ts-check
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, errorMessage } from '../api.js';
import {
  ACTION_LABELS,
  CHANNEL_LABELS,
  formatDateTime,
  REVIEW_STAGE_LABELS,
  reviewChainLabel,
  ROLE_LABELS,
  timeLimitLabel,
} from '../format.js';
import { Alert } from '../components/field.js';
import { ActionForm } from '../components/action-form.js';
import { RiskBadge } from '../components/risk-badge.js';
import { FormsPanel } from '../components/detail/forms-panel.js';
import { FilesPanel } from '../components/detail/files-panel.js';
import { History } from '../components/detail/history.js';
import { ShipmentsPanel } from '../components/detail/shipments-panel.js';

/** @typedef {import('../types.js').ApiObject} ApiObject */

/**
 * Where the result is in the procedure's review chain: the chain, the pending step, and the
 * reason of the latest send-back while the draft is back with the officer.
 * @param {{ application: ApiObject }} props
 */
function ReviewFacts({ application: a }) {
  const chain = a.review?.chain ?? [];
  if (!chain.length && !a.resultNumber) {
    return null;
  }
  const position = a.review?.position ?? null;
  const pending = position !== null && position < chain.length ? chain[position] : null;
  const reviewActions = ['submit-for-review', 'approve-review', 'sign-result', 'send-back'];
  const last = [...(a.history ?? [])].reverse().find((h) => reviewActions.includes(h.action));
  const sentBack = position === null && last?.action === 'send-back' ? last : null;
  let state = '';
  if (pending) {
    state = `Đang chờ: ${ROLE_LABELS[pending.role] ?? pending.role} ${
      REVIEW_STAGE_LABELS[pending.stage] ?? pending.stage
    }`;
  } else if (chain.length && position === chain.length) {
    state = 'Đã ký';
  } else if (chain.length) {
    state = sentBack ? 'Bị trả lại, chuyên viên hoàn thiện' : 'Chuyên viên đang dự thảo kết quả';
  }
  return html`
    ${
      chain.length
        ? html`<div class="facts__row" data-testid="review-state">
            <dt>Trình duyệt</dt>
            <dd>
              <div>${reviewChainLabel(chain)}</div>
              <div><strong>${state}</strong></div>
              ${
                sentBack
                  ? html`<div data-testid="sent-back-reason">
                      Lý do trả lại: ${sentBack.payload?.reason ?? ''}
                      ${sentBack.actor?.name ? html` (${sentBack.actor.name})` : null}
                    </div>`
                  : null
              }
            </dd>
          </div>`
        : null
    }
    ${
      a.resultNumber
        ? html`<div class="facts__row" data-testid="result-number">
            <dt>Số kết quả</dt>
            <dd>${a.resultNumber}${a.resultSignedAt ? `, ký ${formatDateTime(a.resultSignedAt)}` : ''}</dd>
          </div>`
        : null
    }
  `;
}

/**
 * One application: facts, the actions the API says the user may take now (availableActions,
 * nothing else), and the history. Calls onChange with the new view after an action.
 */
export function ApplicationDetail({ code, isWorkingDay, onChange }) {
  const [application, setApplication] = useState(/** @type {ApiObject | null} */ (null));
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [action, setAction] = useState(/** @type {string | null} */ (null));
  const heading = useRef(/** @type {HTMLElement | null} */ (null));

  const load = async (focus) => {
    try {
      const view = await api(`/applications/${encodeURIComponent(code)}`);
      setApplication(view);
      setError('');
      onChange?.(view);
      if (focus) {
        heading.current?.focus();
      }
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  useEffect(() => {
    setApplication(null);
    setAction(null);
    setNotice('');
    void load(true);
  }, [code]);

  const done = (updated, name) => {
    setAction(null);
    setNotice(`Đã thực hiện: ${ACTION_LABELS[name] ?? name}. Trạng thái: ${updated.statusLabel}.`);
    setApplication({ ...application, ...updated });
    onChange?.(updated);
    void load(true);
  };
  const conflict = (current, message) => {
    setAction(null);
    setNotice('');
    setError(message);
    setApplication({ ...application, ...current });
    onChange?.(current);
    void load(false).then(() => setError(message));
  };

  if (!application) {
    return html`<section class="detail card" aria-busy=${error ? 'false' : 'true'}>
      ${error ? html`<${Alert}>${error}<//>` : html`<p class="muted">Đang tải hồ sơ…</p>`}
    </section>`;
  }
  const a = application;
  const risk = isWorkingDay
    ? html`<${RiskBadge} application=${a} isWorkingDay=${isWorkingDay} placeholder=${false} />`
    : null;
  return html`
    <section class="detail card" aria-labelledby="detail-title">
      <div class="detail__head">
        <h2 id="detail-title" tabindex="-1" ref=${heading}>
          Hồ sơ <span class="code">${a.code}</span>
        </h2>
        <span class="badge badge--status" data-testid="detail-status">${a.statusLabel}</span>
        ${risk}
      </div>
      <${Alert}>${error}<//>
      ${notice ? html`<${Alert} kind="success">${notice}<//>` : null}
      <dl class="facts facts--compact">
        <div class="facts__row">
          <dt>Thủ tục</dt>
          <dd>${a.procedure.name} <span class="muted">(${a.procedure.code})</span></dd>
        </div>
        <div class="facts__row">
          <dt>Thời hạn</dt>
          <dd>${timeLimitLabel(a.procedure.timeLimit)}</dd>
        </div>
        <div class="facts__row">
          <dt>Người nộp</dt>
          <dd>${a.applicant.fullName} · ${a.applicant.phone}</dd>
        </div>
        <div class="facts__row">
          <dt>Số giấy tờ</dt>
          <dd>${a.applicant.idNumber}</dd>
        </div>
        <div class="facts__row">
          <dt>Hình thức nộp</dt>
          <dd>${CHANNEL_LABELS[a.channel] ?? a.channel}</dd>
        </div>
        <div class="facts__row">
          <dt>Tiếp nhận</dt>
          <dd>${formatDateTime(a.receivedAt)}</dd>
        </div>
        <div class="facts__row">
          <dt>Hẹn trả</dt>
          <dd>${formatDateTime(a.dueAt)}</dd>
        </div>
        ${
          a.documents?.length
            ? html`<div class="facts__row">
                <dt>Thành phần</dt>
                <dd>
                  <ul class="plain">
                    ${a.documents.map((d) => html`<li>${d.name} (${d.copies} bản)</li>`)}
                  </ul>
                </dd>
              </div>`
            : null
        }
        <${ReviewFacts} application=${a} />
        ${
          a.note
            ? html`<div class="facts__row">
                <dt>Ghi chú</dt>
                <dd>${a.note}</dd>
              </div>`
            : null
        }
      </dl>
      ${
        a.availableActions?.length
          ? html`<div class="detail__actions" role="group" aria-label="Thao tác">
              ${a.availableActions.map(
                (name) =>
                  html`<button
                    type="button"
                    class=${`button ${action === name ? 'button--primary' : 'button--secondary'}`}
                    aria-expanded=${action === name ? 'true' : 'false'}
                    onClick=${() => setAction(action === name ? null : name)}
                  >
                    ${ACTION_LABELS[name] ?? name}
                  </button>`,
              )}
            </div>`
          : html`<p class="muted">Không có thao tác nào bạn có thể thực hiện ở trạng thái này.</p>`
      }
      ${
        action
          ? html`<${ActionForm}
              key=${action}
              application=${a}
              action=${action}
              onDone=${done}
              onConflict=${conflict}
              onCancel=${() => setAction(null)}
            />`
          : null
      }
      <${ShipmentsPanel} application=${a} />
      <${FilesPanel} code=${a.code} />
      <${FormsPanel} application=${a} />
      <${History} entries=${a.history} />
    </section>
  `;
}
