import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, ApiError, errorMessage, fieldErrors, newIdempotencyKey } from '../api.js';
import { CHANNEL_LABELS, formatDateTime, timeLimitLabel } from '../format.js';
import { Alert, Field } from '../components/field.js';
import { ProcedurePicker } from '../components/procedure-picker.js';

// The API names fields like 'applicant.phone' or 'documents[0].name'; the desk reads Vietnamese.
const FIELD_MESSAGES = {
  procedureCode: 'Chọn thủ tục trong danh sách.',
  channel: 'Chọn hình thức nộp hồ sơ.',
  'applicant.fullName': 'Nhập họ và tên người nộp.',
  'applicant.idNumber':
    'Số giấy tờ gồm 9 hoặc 12 chữ số (CMND/CCCD), hoặc là mã số thuế, số hộ chiếu.',
  'applicant.phone': 'Số điện thoại không hợp lệ, ví dụ 0912345678.',
  'applicant.email': 'Địa chỉ email không hợp lệ.',
  'applicant.address': 'Địa chỉ quá dài (tối đa 500 ký tự).',
  note: 'Ghi chú quá dài (tối đa 2000 ký tự).',
};

function messageFor(field, reason) {
  if (FIELD_MESSAGES[field]) {
    return FIELD_MESSAGES[field];
  }
  if (/^documents\[\d+\]\.name$/.test(field)) {
    return 'Nhập tên giấy tờ.';
  }
  if (/^documents\[\d+\]\.copies$/.test(field)) {
    return 'Số bản từ 1 đến 100.';
  }
  return `Giá trị không hợp lệ (${reason}).`;
}

export const fieldId = (field) => `f-${field.replace(/[.[\]]+/g, '-').replace(/-$/, '')}`;

const emptyForm = () => ({
  fullName: '',
  idNumber: '',
  phone: '',
  email: '',
  address: '',
  channel: 'direct',
  documents: [],
  note: '',
});

/** The desk form: everything reachable with Tab, Enter or Ctrl+Enter sends. */
export function IntakeForm({ onLogged }) {
  const [procedure, setProcedure] = useState(null);
  const [form, setForm] = useState(emptyForm);
  const [errors, setErrors] = useState({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [duePreview, setDuePreview] = useState(null);
  const procedureInput = useRef(null);
  const formRef = useRef(null);
  const idempotencyKey = useRef(null);
  const focusDocument = useRef(null);

  useEffect(() => procedureInput.current?.focus(), []);

  // After a failed send, the first marked field gets the focus.
  useEffect(() => {
    formRef.current?.querySelector('[aria-invalid="true"]')?.focus();
  }, [errors]);

  useEffect(() => {
    if (focusDocument.current !== null) {
      document.getElementById(fieldId(`documents[${focusDocument.current}].name`))?.focus();
      focusDocument.current = null;
    }
  }, [form.documents.length]);

  // What the receipt will say if logged now (the API computes it again on save).
  useEffect(() => {
    setDuePreview(null);
    if (!procedure) {
      return;
    }
    let stale = false;
    api('/calendar/due-date', {
      query: {
        receivedAt: new Date().toISOString(),
        value: procedure.timeLimit.value,
        unit: procedure.timeLimit.unit,
      },
    })
      .then(({ dueAt }) => !stale && setDuePreview(dueAt))
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [procedure]);

  const set = (key) => (event) => setForm({ ...form, [key]: event.currentTarget.value });
  const setDocument = (index, key, value) =>
    setForm({
      ...form,
      documents: form.documents.map((d, i) => (i === index ? { ...d, [key]: value } : d)),
    });
  const addDocument = () => {
    focusDocument.current = form.documents.length;
    setForm({ ...form, documents: [...form.documents, { name: '', copies: 1 }] });
  };
  const removeDocument = (index) =>
    setForm({ ...form, documents: form.documents.filter((_, i) => i !== index) });

  const submit = async () => {
    if (submitting) {
      return;
    }
    const missing = {};
    if (!procedure) {
      missing.procedureCode = FIELD_MESSAGES.procedureCode;
    }
    if (!form.fullName.trim()) {
      missing['applicant.fullName'] = FIELD_MESSAGES['applicant.fullName'];
    }
    if (!form.idNumber.trim()) {
      missing['applicant.idNumber'] = 'Nhập số CMND/CCCD của người nộp.';
    }
    if (!form.phone.trim()) {
      missing['applicant.phone'] = 'Nhập số điện thoại của người nộp.';
    }
    if (Object.keys(missing).length) {
      setFormError('Vui lòng nhập đủ các ô bắt buộc.');
      setErrors(missing);
      return;
    }
    const optional = (v) => (v.trim() ? v.trim() : undefined);
    const body = {
      procedureCode: procedure.code,
      channel: form.channel,
      applicant: {
        fullName: form.fullName.trim(),
        idNumber: form.idNumber.replace(/\s+/g, ''),
        phone: form.phone.replace(/[\s.]+/g, ''),
        email: optional(form.email),
        address: optional(form.address),
      },
      documents: form.documents
        .filter((d) => d.name.trim())
        .map((d) => ({ name: d.name.trim(), copies: Number(d.copies) || 1 })),
      note: optional(form.note),
    };
    idempotencyKey.current ??= newIdempotencyKey();
    setSubmitting(true);
    setFormError('');
    try {
      const application = await api('/applications', {
        method: 'POST',
        body,
        headers: { 'idempotency-key': idempotencyKey.current },
      });
      idempotencyKey.current = null;
      onLogged(application);
    } catch (error) {
      // Refused for a reason: nothing was logged, the corrected form is a new submission.
      // Without an answer (network), keep the key so sending again cannot log twice.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        idempotencyKey.current = null;
      }
      const byField = {};
      for (const [field, reason] of Object.entries(fieldErrors(error))) {
        byField[field] = messageFor(field, reason);
      }
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
          onInput=${set(key)}
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
      ${
        procedure
          ? html`<p class="chosen" id="procedure-chosen">
              <span class="chosen__code">${procedure.code}</span>
              <span
                >Thời hạn giải quyết: <strong>${timeLimitLabel(procedure.timeLimit)}</strong></span
              >
              ${
                duePreview
                  ? html`<span
                      >Hẹn trả dự kiến: <strong>${formatDateTime(duePreview)}</strong></span
                    >`
                  : null
              }
            </p>`
          : null
      }

      <fieldset class="group">
        <legend>Người nộp hồ sơ</legend>
        <div class="grid">
          ${text('applicant.fullName', 'fullName', 'Họ và tên', { required: true, className: 'field--wide' })}
          ${text('applicant.idNumber', 'idNumber', 'Số CMND/CCCD', { required: true, inputmode: 'numeric' })}
          ${text('applicant.phone', 'phone', 'Số điện thoại', { required: true, type: 'tel', inputmode: 'tel' })}
          ${text('applicant.email', 'email', 'Email', { type: 'email' })}
          ${text('applicant.address', 'address', 'Địa chỉ', { className: 'field--wide' })}
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

      <fieldset class="group">
        <legend>Thành phần hồ sơ <span class="muted">(không bắt buộc)</span></legend>
        ${form.documents.map(
          (d, i) =>
            html`<div class="doc-row">
              <${Field}
                id=${fieldId(`documents[${i}].name`)}
                label=${`Giấy tờ ${i + 1}`}
                error=${errors[`documents[${i}].name`]}
                className="doc-row__name"
              >
                ${(a) => html`<input ...${a} type="text" value=${d.name} onInput=${(e) => setDocument(i, 'name', e.currentTarget.value)} />`}
              <//>
              <${Field}
                id=${fieldId(`documents[${i}].copies`)}
                label="Số bản"
                error=${errors[`documents[${i}].copies`]}
                className="doc-row__copies"
              >
                ${(a) => html`<input ...${a} type="number" min="1" max="100" value=${d.copies} onInput=${(e) => setDocument(i, 'copies', e.currentTarget.value)} />`}
              <//>
              <button
                type="button"
                class="button button--ghost doc-row__remove"
                onClick=${() => removeDocument(i)}
              >
                Xoá<span class="visually-hidden"> giấy tờ ${i + 1}</span>
              </button>
            </div>`,
        )}
        <button type="button" class="button button--secondary" onClick=${addDocument}>
          + Thêm giấy tờ
        </button>
      </fieldset>

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
