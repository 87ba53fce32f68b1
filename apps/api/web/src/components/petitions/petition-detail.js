// @ts-check
// One petition for staff: what was sent and by whom, each deadline with the time left, what has
// been done, and a button for each action the lifecycle allows now (availableActions).
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api, errorMessage } from '../../api.js';
import { formatDateTime } from '../../format.js';
import { Link } from '../../router.js';
import { canActOnPetitions, session } from '../../session.js';
import { timeLeft } from '../../working-days.js';
import { Alert } from '../field.js';
import { PETITION_CHANNEL_LABELS } from './petition-form.js';
import { PetitionActionForm } from './petition-action-form.js';
import { PETITION_ACTION_LABELS, petitionDeadlines } from './petition-deadlines.js';

/** @typedef {import('../../types.js').ApiObject} ApiObject */

function Fact({ label, children }) {
  return html`<div class="facts__row">
    <dt>${label}</dt>
    <dd>${children}</dd>
  </div>`;
}

/** @param {{ p: ApiObject }} props */
function Steps({ p }) {
  const steps = [];
  if (p.clarificationRequestedAt) {
    steps.push([p.clarificationRequestedAt, 'Đề nghị làm rõ', p.clarificationRequest]);
  }
  if (p.notAcceptedAt) {
    steps.push([p.notAcceptedAt, 'Không tiếp nhận xử lý', p.notAcceptedReason]);
  }
  for (const f of p.forwards ?? []) {
    steps.push([
      f.forwardedAt,
      `Chuyển đến ${f.toBody}`,
      `Hạn trả lời: ${formatDateTime(f.dueAt)}${f.note ? `. ${f.note}` : ''}`,
    ]);
  }
  if (p.inProgressAt) {
    steps.push([p.inProgressAt, 'Bắt đầu xử lý', null]);
  }
  if (p.answeredAt) {
    steps.push([p.answeredAt, 'Trả lời', p.answer]);
  }
  if (p.publishedAt) {
    steps.push([p.publishedAt, 'Công khai (đã ẩn thông tin cá nhân)', p.publishedAnswer]);
  }
  steps.sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
  return html`<section aria-labelledby="pakn-steps-title">
    <h3 id="pakn-steps-title">Quá trình xử lý</h3>
    <ol class="timeline">
      <li class="timeline__item">
        <strong>${formatDateTime(p.receivedAt)}</strong> · Tiếp nhận
        (${PETITION_CHANNEL_LABELS[p.channel] ?? p.channel})
      </li>
      ${steps.map(
        ([at, what, detail]) =>
          html`<li class="timeline__item">
            <strong>${formatDateTime(at)}</strong> · ${what}
            ${detail ? html`<p class="timeline__detail petition__text">${detail}</p>` : null}
          </li>`,
      )}
    </ol>
  </section>`;
}

/**
 * @param {{ code: string, isWorkingDay: ((day: string) => boolean) | null,
 *   onChange: (p: ApiObject) => void }} props
 */
export function PetitionDetail({ code, isWorkingDay, onChange }) {
  const [p, setP] = useState(/** @type {ApiObject | null} */ (null));
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [action, setAction] = useState(/** @type {string | null} */ (null));
  const heading = useRef(/** @type {HTMLElement | null} */ (null));
  const user = session.value?.user;

  const load = async () => {
    try {
      const view = await api(`/petitions/${encodeURIComponent(code)}`);
      setP(view);
      setError('');
      return view;
    } catch (e) {
      setError(errorMessage(e));
      return null;
    }
  };
  useEffect(() => {
    setP(null);
    setAction(null);
    setNotice('');
    void load().then(() => heading.current?.focus());
  }, [code]);

  if (!p) {
    return html`<section class="detail card" aria-busy=${error ? 'false' : 'true'}>
      ${error ? html`<${Alert}>${error}<//>` : html`<p class="muted">Đang tải phản ánh…</p>`}
    </section>`;
  }
  const done = (updated) => {
    setAction(null);
    setError('');
    setNotice(
      `Đã thực hiện: ${PETITION_ACTION_LABELS[action ?? ''] ?? action}. Trạng thái: ${updated.statusLabel}.`,
    );
    setP(updated);
    onChange(updated);
  };
  const conflict = (current, message) => {
    setAction(null);
    setNotice('');
    void load().then((view) => {
      setError(message);
      if (view) {
        onChange(view);
      } else if (current) {
        setP(current);
      }
    });
  };
  const actions = user && canActOnPetitions(user.role) ? (p.availableActions ?? []) : [];
  return html`<section
    class="detail card"
    aria-labelledby="pakn-title"
    data-testid="petition-detail"
  >
    <div class="detail__head">
      <h2 id="pakn-title" tabindex="-1" ref=${heading}>
        Phản ánh <span class="code">${p.code}</span>
      </h2>
      <span class="badge badge--status" data-testid="petition-status">${p.statusLabel}</span>
    </div>
    <${Alert}>${error}<//>
    ${notice ? html`<${Alert} kind="success">${notice}<//>` : null}
    <dl class="facts facts--compact">
      <${Fact} label="Tiêu đề">${p.title}<//>
      <${Fact} label="Nội dung"><span class="petition__text">${p.content}</span><//>
      <${Fact} label="Người gửi">${p.petitionerName}<//>
      <${Fact} label="Địa chỉ">${p.petitionerAddress}<//>
      <${Fact} label="Liên hệ"
        >${[p.petitionerPhone, p.petitionerEmail].filter(Boolean).join(' · ') || '—'}<//
      >
      ${
        p.applicationCode
          ? html`<${Fact} label="Hồ sơ liên quan"
              ><${Link} href=${`/app/ho-so/${encodeURIComponent(p.applicationCode)}`} class="code"
                >${p.applicationCode}<//
              ><//
            >`
          : null
      }
      ${p.procedureCode ? html`<${Fact} label="Thủ tục">${p.procedureCode}<//>` : null}
      <${Fact} label="Đồng ý công khai">${p.consentToPublish ? 'Có' : 'Không'}<//>
    </dl>
    <h3>Thời hạn</h3>
    <ul class="forms__list">
      ${petitionDeadlines(p).map((d) => {
        const left = d.pending && isWorkingDay ? timeLeft(d.dueAt, isWorkingDay) : null;
        return html`<li class="forms__item" data-deadline=${d.key}>
          <span>${d.label}: ${formatDateTime(d.dueAt)}</span>
          ${
            left
              ? html`<span class=${`badge risk risk--${left.level}`}>${left.label}</span>`
              : html`<span class="muted">${d.pending ? '' : 'Không còn áp dụng'}</span>`
          }
        </li>`;
      })}
    </ul>
    ${
      actions.length
        ? html`<div class="detail__actions" role="group" aria-label="Thao tác">
            ${actions.map(
              (name) =>
                html`<button
                  type="button"
                  class=${`button ${action === name ? 'button--primary' : 'button--secondary'}`}
                  aria-expanded=${action === name ? 'true' : 'false'}
                  onClick=${() => setAction(action === name ? null : name)}
                >
                  ${PETITION_ACTION_LABELS[name] ?? name}
                </button>`,
            )}
          </div>`
        : html`<p class="muted">Không có thao tác nào bạn có thể thực hiện ở trạng thái này.</p>`
    }
    ${
      action
        ? html`<${PetitionActionForm}
            key=${action}
            petition=${p}
            action=${action}
            onDone=${done}
            onConflict=${conflict}
            onCancel=${() => setAction(null)}
          />`
        : null
    }
    <${Steps} p=${p} />
  </section>`;
}
