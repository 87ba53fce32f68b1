// @ts-check
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, ApiError, errorMessage, fieldErrors } from '../api.js';
import { localizeFields } from '../reasons.js';
import { ACTION_LABELS, CHANNEL_LABELS, STOP_REASON_LABELS } from '../format.js';
import { session } from '../session.js';
import { Alert, Field } from './field.js';

/** @typedef {import('../types.js').ApiObject} ApiObject */

const NOTE = { name: 'note', kind: 'textarea', label: 'Ghi chú (không bắt buộc)' };

/** The fields each lifecycle action takes (see apps/api/src/applications/dto/transition.dto.ts). */
const ACTION_FIELDS = {
  receive: [NOTE],
  refuse: [
    { name: 'reasons', kind: 'lines', label: 'Lý do từ chối (mỗi dòng một lý do)', required: true },
    NOTE,
  ],
  assign: [
    { name: 'officerId', kind: 'officer', label: 'Chuyên viên xử lý', required: true },
    NOTE,
  ],
  start: [NOTE],
  'request-supplement': [
    {
      name: 'items',
      kind: 'lines',
      label: 'Giấy tờ cần bổ sung (mỗi dòng một loại)',
      required: true,
    },
    { name: 'reason', kind: 'textarea', label: 'Lý do', required: true },
    {
      // Past the window (3 working days from reception) or the due date, a head accepts the
      // request by saying why; the time limit then does not restart.
      name: 'lateOverrideReason',
      kind: 'textarea',
      label:
        'Lý do chấp thuận yêu cầu bổ sung quá thời hạn (trưởng phòng; để trống nếu còn trong hạn)',
    },
    NOTE,
  ],
  'receive-supplement': [
    {
      name: 'items',
      kind: 'lines',
      label: 'Giấy tờ đã nhận bổ sung (mỗi dòng một loại)',
      required: true,
    },
    NOTE,
  ],
  'require-payment': [
    { name: 'amountVnd', kind: 'amount', label: 'Số tiền phải nộp (đồng)', required: true },
    { name: 'reason', kind: 'textarea', label: 'Khoản phải nộp, lý do' },
    NOTE,
  ],
  'confirm-payment': [NOTE],
  'request-withdrawal': [
    { name: 'reason', kind: 'textarea', label: 'Lý do rút hồ sơ', required: true },
    NOTE,
  ],
  stop: [
    {
      name: 'stopReason',
      kind: 'select',
      label: 'Trường hợp dừng',
      options: [['', 'Theo trạng thái hồ sơ'], ...Object.entries(STOP_REASON_LABELS)],
    },
    { name: 'reason', kind: 'textarea', label: 'Lý do dừng xử lý', required: true },
    NOTE,
  ],
  'mark-result-ready': [
    {
      // Only without a review chain: with one, the number was given when it was signed.
      name: 'resultNumber',
      kind: 'text',
      label: 'Số, ký hiệu văn bản kết quả',
      when: (a) => !(a.review?.chain ?? []).length,
    },
    { name: 'electronicResult', kind: 'checkbox', label: 'Có kết quả điện tử' },
    { name: 'digitallySigned', kind: 'checkbox', label: 'Kết quả điện tử có chữ ký số' },
    NOTE,
  ],
  'return-result': [
    {
      name: 'deliveryChannel',
      kind: 'select',
      label: 'Hình thức trả kết quả',
      options: [['', '— Không ghi —'], ...Object.entries(CHANNEL_LABELS)],
    },
    NOTE,
  ],
  'submit-for-review': [NOTE],
  'approve-review': [NOTE],
  'sign-result': [
    { name: 'resultNumber', kind: 'text', label: 'Số, ký hiệu văn bản kết quả', required: true },
    { name: 'digitallySigned', kind: 'checkbox', label: 'Ký số (chữ ký số)' },
    NOTE,
  ],
  'send-back': [
    { name: 'reason', kind: 'textarea', label: 'Lý do trả lại, nội dung cần sửa', required: true },
    NOTE,
  ],
  apologize: [
    { name: 'reason', kind: 'textarea', label: 'Lý do chậm trễ', required: true },
    { name: 'newDueAt', kind: 'date', label: 'Ngày hẹn trả mới', required: true },
    NOTE,
  ],
};

/**
 * Receiving a dossier that came by post: the hand-over record's signature is the reception time
 * (Decision 45/2016/QĐ-TTg); left empty, the reception is now.
 */
const POSTAL_RECEIVE = [
  {
    name: 'handOverSignedAt',
    kind: 'datetime',
    label: 'Thời điểm ký biên bản giao nhận với bưu điện (giờ Việt Nam)',
  },
  NOTE,
];

/**
 * An administrator acts only to correct someone else's act: the API requires the reason
 * (correctionReason), recorded with the act and printed on the control sheet.
 */
const CORRECTION = {
  name: 'correctionReason',
  kind: 'textarea',
  label: 'Lý do điều chỉnh (quản trị hệ thống)',
  required: true,
};

/** The fields of `action` for this application and user. */
function fieldsFor(action, application) {
  const listed =
    action === 'receive' && application.channel === 'postal'
      ? POSTAL_RECEIVE
      : (ACTION_FIELDS[action] ?? [NOTE]);
  const fields = listed.filter((f) => !f.when || f.when(application));
  return session.value?.user.role === 'admin' ? [CORRECTION, ...fields] : fields;
}

function toBody(fields, values, version) {
  const body = { version };
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'checkbox') {
      if (v) {
        body[f.name] = true;
      }
    } else if (f.kind === 'amount') {
      const digits = String(v ?? '').replace(/[^0-9]/g, '');
      if (digits) {
        body[f.name] = Number(digits);
      }
    } else if (f.kind === 'datetime') {
      if (v) {
        // The desk works in Hà Nội time whatever the computer's own time zone.
        body[f.name] = `${v}:00+07:00`;
      }
    } else if (f.kind === 'lines') {
      const lines = String(v ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      if (lines.length) {
        body[f.name] = lines;
      }
    } else if (typeof v === 'string' && v.trim()) {
      body[f.name] = v.trim();
    }
  }
  return body;
}

function OfficerSelect({ application, attrs, value, onChange }) {
  const [officers, setOfficers] = useState(/** @type {ApiObject[] | null} */ (null));
  useEffect(() => {
    api('/users', { query: { role: 'officer', departmentId: application.departmentId } })
      .then((rows) => setOfficers(rows.filter((u) => u.active !== false)))
      .catch(() => setOfficers([]));
  }, [application.departmentId]);
  return html`<select
    ...${attrs}
    value=${value ?? ''}
    onChange=${(e) => onChange(e.currentTarget.value)}
  >
    <option value="">${officers === null ? 'Đang tải…' : '— Chọn chuyên viên —'}</option>
    ${(officers ?? []).map(
      (u) =>
        html`<option value=${u.id} selected=${u.id === value}>
          ${u.fullName} (${u.username})
        </option>`,
    )}
  </select>`;
}

/**
 * The small form of one action. Sends the version the user saw; a 409 hands back the current
 * state, which the caller shows instead.
 */
export function ActionForm({ application, action, onDone, onConflict, onCancel }) {
  const fields = fieldsFor(action, application);
  const [values, setValues] = useState(/** @type {Record<string, any>} */ ({}));
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const formRef = useRef(/** @type {HTMLFormElement | null} */ (null));
  useEffect(() => {
    /** @type {HTMLElement | null | undefined} */ (
      formRef.current?.querySelector('input, select, textarea')
    )?.focus();
  }, [action]);

  const set = (name, value) => setValues({ ...values, [name]: value });

  const onSubmit = async (event) => {
    event.preventDefault();
    /** @type {Record<string, string>} */
    const missing = {};
    for (const f of fields) {
      if (f.required && !String(values[f.name] ?? '').trim()) {
        missing[f.name] = `Nhập ${f.label.replace(/ \(.*\)$/, '').toLowerCase()}.`;
      }
    }
    setErrors(missing);
    if (Object.keys(missing).length) {
      /** @type {HTMLElement | null | undefined} */ (
        formRef.current?.querySelector('[aria-invalid="true"]')
      )?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      const updated = await api(`/applications/${application.id}/${action}`, {
        method: 'POST',
        body: toBody(fields, values, application.version),
      });
      onDone(updated, action);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.current) {
        onConflict(err.current, errorMessage(err));
        return;
      }
      setErrors(localizeFields(fieldErrors(err)));
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const onKeyDown = (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  const control = (f, a) => {
    switch (f.kind) {
      case 'officer':
        return html`<${OfficerSelect}
          application=${application}
          attrs=${a}
          value=${values[f.name]}
          onChange=${(v) => set(f.name, v)}
        />`;
      case 'select':
        return html`<select
          ...${a}
          value=${values[f.name] ?? ''}
          onChange=${(e) => set(f.name, e.currentTarget.value)}
        >
          ${f.options.map(([v, label]) => html`<option value=${v}>${label}</option>`)}
        </select>`;
      case 'amount':
        return html`<input
          ...${a}
          type="text"
          inputmode="numeric"
          value=${values[f.name] ?? ''}
          onInput=${(e) => set(f.name, e.currentTarget.value)}
        />`;
      case 'text':
        return html`<input
          ...${a}
          type="text"
          value=${values[f.name] ?? ''}
          onInput=${(e) => set(f.name, e.currentTarget.value)}
        />`;
      case 'datetime':
        return html`<input
          ...${a}
          type="datetime-local"
          value=${values[f.name] ?? ''}
          onInput=${(e) => set(f.name, e.currentTarget.value)}
        />`;
      case 'date':
        return html`<input
          ...${a}
          type="date"
          value=${values[f.name] ?? ''}
          onInput=${(e) => set(f.name, e.currentTarget.value)}
        />`;
      default:
        return html`<textarea
          ...${a}
          rows=${f.kind === 'lines' ? 3 : 2}
          value=${values[f.name] ?? ''}
          onInput=${(e) => set(f.name, e.currentTarget.value)}
        ></textarea>`;
    }
  };

  return html`
    <form
      ref=${formRef}
      class="action-form"
      onSubmit=${onSubmit}
      onKeyDown=${onKeyDown}
      novalidate
      aria-labelledby="action-form-title"
    >
      <h3 id="action-form-title">${ACTION_LABELS[action] ?? action}</h3>
      <${Alert}>${error}<//>
      ${fields.map((f) =>
        f.kind === 'checkbox'
          ? html`<label class="checkbox">
              <input
                type="checkbox"
                checked=${!!values[f.name]}
                onChange=${(e) => set(f.name, e.currentTarget.checked)}
              />
              ${f.label}
            </label>`
          : html`<${Field}
              id=${`action-${f.name}`}
              label=${f.label}
              required=${f.required}
              error=${errors[f.name]}
            >
              ${(a) => control(f, a)}
            <//>`,
      )}
      <div class="actions">
        <button type="submit" class="button button--primary" disabled=${busy}>
          ${busy ? 'Đang lưu…' : `Xác nhận: ${ACTION_LABELS[action] ?? action}`}
        </button>
        <button type="button" class="button button--ghost" onClick=${onCancel}>Huỷ</button>
      </div>
    </form>
  `;
}
