// @ts-check
// The procedure's required documents as a checklist at the desk (issue 10 item 5).
import { html } from '../../html.js';
import { Field } from '../field.js';
import {
  activeDocuments,
  checklistField,
  COPIES_MAX,
  COPIES_MIN,
  FORM_LABELS,
  lineOf,
  missingDocuments,
} from './checklist.js';

const copiesWord = (form, copies) =>
  `${String(copies).padStart(2, '0')} ${FORM_LABELS[form]?.toLowerCase() ?? 'bản'}`;

/**
 * One row per active document: ticked when handed in, with original/copy and copies. Below,
 * what is missing and the way to Mẫu 02 (the incomplete-at-desk guidance) instead of a receipt.
 */
export function ChecklistFieldset({ documents, state, errors, onChange, onIncomplete, busy }) {
  const active = activeDocuments(documents);
  const missing = missingDocuments(documents, state);
  const set = (doc, patch) => onChange({ ...state, [doc.id]: { ...lineOf(doc, state), ...patch } });
  return html`<fieldset class="group checklist" data-testid="checklist">
    <legend>Thành phần hồ sơ theo quy định</legend>
    <p class="hint" id="checklist-hint">
      Đánh dấu giấy tờ người nộp đã nộp; chọn bản chính hay bản sao và số bản.
    </p>
    ${errors.checklist ? html`<p class="error-text" id="checklist-error">${errors.checklist}</p>` : null}
    <ol class="checklist__list">
      ${active.map((doc, i) => {
        const line = lineOf(doc, state);
        const checkId = `f-checklist-${i}`;
        const checkError = errors[checklistField(doc, 'checked')];
        return html`<li class="check-row" key=${doc.id} data-document=${doc.name}>
          <div class="check-row__name">
            <label class="checkbox" for=${checkId}>
              <input
                id=${checkId}
                type="checkbox"
                checked=${line.checked}
                aria-invalid=${checkError ? 'true' : undefined}
                aria-describedby=${checkError ? `${checkId}-error` : undefined}
                onChange=${(e) => set(doc, { checked: e.currentTarget.checked })}
              />
              <span>${doc.name}</span>
            </label>
            <span class="hint">Yêu cầu: ${copiesWord(doc.form, doc.copies)}</span>
            ${checkError ? html`<p class="error-text" id=${`${checkId}-error`}>${checkError}</p>` : null}
          </div>
          <${Field}
            id=${`f-checklist-${i}-form`}
            label=${html`Hình thức<span class="visually-hidden"> – ${doc.name}</span>`}
            error=${errors[checklistField(doc, 'form')]}
            className="check-row__form"
          >
            ${(a) =>
              html`<select
                ...${a}
                disabled=${!line.checked}
                value=${line.form}
                onChange=${(e) => set(doc, { form: e.currentTarget.value })}
              >
                ${Object.entries(FORM_LABELS).map(([v, label]) => html`<option value=${v}>${label}</option>`)}
              </select>`}
          <//>
          <${Field}
            id=${`f-checklist-${i}-copies`}
            label=${html`Số bản<span class="visually-hidden"> – ${doc.name}</span>`}
            error=${errors[checklistField(doc, 'copies')]}
            className="check-row__copies"
          >
            ${(a) =>
              html`<input
                ...${a}
                type="number"
                min=${COPIES_MIN}
                max=${COPIES_MAX}
                disabled=${!line.checked}
                value=${line.copies}
                onInput=${(e) => set(doc, { copies: e.currentTarget.value })}
              />`}
          <//>
        </li>`;
      })}
    </ol>
    ${
      missing.length === 0
        ? html`<p class="checklist__done" data-testid="checklist-complete">
            Đã đủ ${active.length} giấy tờ theo quy định.
          </p>`
        : html`<div class="checklist__missing" data-testid="checklist-missing">
            <p>
              Còn thiếu ${missing.length} giấy tờ: ${missing.map((d) => d.name).join('; ')}. Hồ sơ
              chưa đủ thì chưa tiếp nhận: lập Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02) để
              hướng dẫn người nộp.
            </p>
            <button
              type="button"
              class="button button--secondary"
              disabled=${busy}
              onClick=${onIncomplete}
            >
              Lập phiếu yêu cầu bổ sung (Mẫu 02)
            </button>
          </div>`
    }
  </fieldset>`;
}
