// @ts-check
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, ApiError, errorMessage, fieldErrors, newIdempotencyKey } from '../api.js';
import { CHANNEL_LABELS } from '../format.js';
import { Alert, Field } from '../components/field.js';

/** Letters say "Ông/Bà …" only to a person; an organisation is addressed by its name. */
const APPLICANT_KINDS = {
  person: 'Cá nhân',
  organization: 'Tổ chức (cơ quan, doanh nghiệp)',
};
import { ProcedurePicker } from '../components/procedure-picker.js';
import { ChosenProcedure } from '../components/intake/chosen-procedure.js';
import { DocumentsFieldset } from '../components/intake/documents-fieldset.js';
import { PostalFieldset } from '../components/intake/postal-fieldset.js';
import { ChecklistFieldset } from '../components/intake/checklist-fieldset.js';
import {
  activeDocuments,
  checklistBody,
  checklistErrorField,
  checklistProblems,
  missingDocuments,
} from '../components/intake/checklist.js';
import {
  emptyForm,
  fieldId,
  intakeBody,
  FIELD_MESSAGES,
  messageFor,
  missingFields,
  postalIntakeBody,
} from '../components/intake/intake-request.js';

/** Why Mẫu 02 is issued when the checklist is short (printed on the form). */
const INCOMPLETE_REASON = 'Hồ sơ chưa đủ thành phần theo quy định của thủ tục.';

/** @typedef {import('../types.js').ApiObject} ApiObject */

/** The desk form: everything reachable with Tab, Enter or Ctrl+Enter sends. */
export function IntakeForm({ onLogged }) {
  const [procedure, setProcedure] = useState(/** @type {ApiObject | null} */ (null));
  const [form, setForm] = useState(emptyForm);
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const procedureInput = useRef(/** @type {HTMLInputElement | null} */ (null));
  const formRef = useRef(/** @type {HTMLFormElement | null} */ (null));
  const idempotencyKey = useRef(/** @type {string | null} */ (null));

  useEffect(() => procedureInput.current?.focus(), []);

  // The chosen procedure's required documents: the checklist. Until they arrive (or if they
  // cannot be read), the desk lists documents as free text, as for a procedure without a list.
  const [required, setRequired] = useState(/** @type {ApiObject[]} */ ([]));
  useEffect(() => {
    setRequired([]);
    setForm((f) => ({ ...f, checklist: {} }));
    if (!procedure) {
      return undefined;
    }
    let stale = false;
    api(`/procedures/${encodeURIComponent(procedure.code)}/documents`)
      .then((docs) => !stale && setRequired(docs))
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [procedure]);
  const hasChecklist = activeDocuments(required).length > 0;

  // After a failed send (only then: not while a fixed field's message goes away), the first
  // marked field gets the focus.
  const focusInvalid = useRef(false);
  useEffect(() => {
    if (!focusInvalid.current) {
      return;
    }
    focusInvalid.current = false;
    // A short checklist: the first document not ticked.
    /** @type {HTMLElement | null | undefined} */ (
      formRef.current?.querySelector(
        '[aria-invalid="true"], [data-testid="checklist"] input[type="checkbox"]:not(:checked)',
      )
    )?.focus();
  }, [errors]);

  const set = (key) => (event) => setForm({ ...form, [key]: event.currentTarget.value });
  /** A field's message goes as soon as the field is edited; the API checks it again on send. */
  const clearError = (field) => {
    if (errors[field]) {
      const { [field]: _fixed, ...rest } = errors;
      setErrors(rest);
    }
  };

  /**
   * Sends the form: received (a receipt), or with `incomplete` the incomplete-at-desk guidance
   * (Mẫu 02) naming the unchecked documents.
   */
  const submit = async (incomplete = false) => {
    if (submitting) {
      return;
    }
    const missing = {
      ...missingFields(procedure, form),
      ...checklistProblems(required, form.checklist),
    };
    const absent = missingDocuments(required, form.checklist);
    if (!incomplete && hasChecklist && absent.length > 0) {
      missing.checklist = FIELD_MESSAGES.checklist;
    }
    if (Object.keys(missing).length) {
      setFormError(
        missing.checklist && Object.keys(missing).length === 1
          ? FIELD_MESSAGES.checklist
          : 'Vui lòng nhập đủ các ô bắt buộc.',
      );
      focusInvalid.current = true;
      setErrors(missing);
      return;
    }
    const { checklist, ids } = checklistBody(required, form.checklist);
    const missingItems = absent.map((d) => d.name);
    const body = {
      ...intakeBody(procedure, form),
      ...(hasChecklist ? { checklist } : {}),
      ...(incomplete
        ? {
            status: 'incomplete_at_desk',
            missingItems,
            guidanceReason: INCOMPLETE_REASON,
          }
        : {}),
    };
    idempotencyKey.current ??= newIdempotencyKey();
    setSubmitting(true);
    setFormError('');
    try {
      // By post: received as of the hand-over record's signature (POST /postal/intake).
      const application =
        form.channel === 'postal' && !incomplete
          ? (
              await api('/postal/intake', {
                method: 'POST',
                body: {
                  ...postalIntakeBody(procedure, form),
                  ...(hasChecklist ? { checklist } : {}),
                },
              })
            ).application
          : await api('/applications', {
              method: 'POST',
              body,
              headers: { 'idempotency-key': idempotencyKey.current },
            });
      idempotencyKey.current = null;
      onLogged(incomplete ? { ...application, missingItems } : application);
    } catch (error) {
      // Refused for a reason: nothing was logged, the corrected form is a new submission.
      // Without an answer (network), keep the key so sending again cannot log twice.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        idempotencyKey.current = null;
      }
      /** @type {Record<string, string>} */
      const byField = {};
      for (const [field, reason] of Object.entries(fieldErrors(error))) {
        byField[checklistErrorField(field, ids)] = messageFor(field, reason);
      }
      focusInvalid.current = true;
      setErrors(byField);
      setFormError(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  const onSubmit = (event) => {
    event.preventDefault();
    void submit();
  };
  const onKeyDown = (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const text = (field, key, label, extra = {}) => html`
    <${Field}
      id=${fieldId(field)}
      label=${label}
      required=${extra.required}
      error=${errors[field]}
      hint=${extra.hint}
      className=${extra.className ?? ''}
    >
      ${(a) =>
        html`<input
          ...${a}
          type=${extra.type ?? 'text'}
          inputmode=${extra.inputmode}
          autocomplete=${extra.autocomplete ?? 'off'}
          value=${form[key]}
          onInput=${(event) => {
            set(key)(event);
            clearError(field);
          }}
        />`}
    <//>
  `;

  return html`
    <form ref=${formRef} class="card intake" onSubmit=${onSubmit} onKeyDown=${onKeyDown} novalidate>
      <${Alert}>${formError}<//>
      <${Field}
        id=${fieldId('procedureCode')}
        label="Thủ tục hành chính"
        required
        error=${errors.procedureCode}
        className="field--wide"
      >
        ${(a) =>
          html`<${ProcedurePicker}
            id=${a.id}
            inputRef=${procedureInput}
            value=${procedure}
            error=${errors.procedureCode}
            describedBy=${a['aria-describedby'] ?? (procedure ? 'procedure-chosen' : undefined)}
            onChange=${setProcedure}
          />`}
      <//>
      ${procedure ? html`<${ChosenProcedure} procedure=${procedure} />` : null}

      <fieldset class="group">
        <legend>Người nộp hồ sơ</legend>
        <div class="grid">
          ${text('applicant.fullName', 'fullName', 'Họ và tên', { required: true, className: 'field--wide' })}
          ${text('applicant.idNumber', 'idNumber', 'Số định danh cá nhân/CCCD', { required: true, inputmode: 'numeric' })}
          ${text('applicant.phone', 'phone', 'Số điện thoại', { required: true, type: 'tel', inputmode: 'tel' })}
          ${text('applicant.email', 'email', 'Email', { type: 'email' })}
          ${text('applicant.address', 'address', 'Địa chỉ', { className: 'field--wide' })}
        </div>
        <div class="radios" role="radiogroup" aria-label="Người nộp là">
          ${Object.entries(APPLICANT_KINDS).map(
            ([value, label]) =>
              html`<label class="radio">
                <input
                  type="radio"
                  name="applicantKind"
                  value=${value}
                  checked=${form.kind === value}
                  onChange=${() => setForm({ ...form, kind: value })}
                />
                ${label}
              </label>`,
          )}
        </div>
      </fieldset>

      <fieldset class="group">
        <legend>Hình thức nộp</legend>
        <div class="radios">
          ${Object.entries(CHANNEL_LABELS).map(
            ([value, label]) =>
              html`<label class="radio">
                <input
                  type="radio"
                  name="channel"
                  value=${value}
                  checked=${form.channel === value}
                  onChange=${() => setForm({ ...form, channel: value })}
                />
                ${label}
              </label>`,
          )}
        </div>
      </fieldset>

      ${
        form.channel === 'postal'
          ? html`<${PostalFieldset}
              form=${form}
              errors=${errors}
              onField=${(field, key, value) => {
                setForm({ ...form, [key]: value });
                clearError(field);
              }}
            />`
          : null
      }
      ${
        hasChecklist
          ? html`<${ChecklistFieldset}
              documents=${required}
              state=${form.checklist}
              errors=${errors}
              busy=${submitting}
              onChange=${(checklist) => {
                setForm({ ...form, checklist });
                if (
                  errors.checklist ||
                  Object.keys(errors).some((k) => k.startsWith('checklist:'))
                ) {
                  setErrors(
                    Object.fromEntries(
                      Object.entries(errors).filter(([k]) => !k.startsWith('checklist')),
                    ),
                  );
                }
              }}
              onIncomplete=${() => void submit(true)}
            />`
          : null
      }

      <${DocumentsFieldset}
        documents=${form.documents}
        errors=${errors}
        legend=${hasChecklist ? 'Giấy tờ khác' : 'Thành phần hồ sơ'}
        onChange=${(documents) => setForm({ ...form, documents })}
      />

      <${Field} id="f-note" label="Ghi chú" error=${errors.note} className="field--wide">
        ${(a) => html`<textarea ...${a} rows="2" value=${form.note} onInput=${set('note')}></textarea>`}
      <//>

      <div class="actions">
        <button type="submit" class="button button--primary" disabled=${submitting}>
          ${submitting ? 'Đang lưu…' : 'Tiếp nhận hồ sơ'}
        </button>
        <span class="muted">Enter hoặc Ctrl+Enter để gửi</span>
      </div>
    </form>
  `;
}
