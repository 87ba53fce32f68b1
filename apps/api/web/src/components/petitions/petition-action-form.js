// @ts-check
// One PAKN lifecycle action: its fields (PetitionActionDto), the version read, and the API's
// answer — the petition after it, a field refused, or a conflict with the current state.
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api, ApiError, errorMessage, fieldErrors } from '../../api.js';
import { reasonText } from '../../reasons.js';
import { Alert, Field } from '../field.js';
import { PETITION_ACTION_LABELS } from './petition-deadlines.js';

/** @typedef {import('../../types.js').ApiObject} ApiObject */

/** @type {Record<string, Array<{ name: string, label: string, kind: 'text' | 'textarea', required?: boolean }>>} */
const FIELDS = {
  refuse: [
    { name: 'reason', label: 'Lý do không tiếp nhận xử lý', kind: 'textarea', required: true },
  ],
  'request-clarification': [
    { name: 'request', label: 'Nội dung đề nghị làm rõ', kind: 'textarea', required: true },
  ],
  forward: [
    {
      name: 'toBody',
      label: 'Cơ quan có thẩm quyền được chuyển đến',
      kind: 'text',
      required: true,
    },
    { name: 'note', label: 'Ghi chú (không bắt buộc)', kind: 'textarea' },
  ],
  start: [],
  answer: [{ name: 'answer', label: 'Nội dung trả lời', kind: 'textarea', required: true }],
  publish: [],
};

const EXPLAIN = {
  start: 'Phản ánh được chuyển sang trạng thái đang xử lý.',
  publish:
    'Nội dung phản ánh và câu trả lời được công khai sau khi ẩn họ tên, địa chỉ, số điện thoại, thư điện tử và số giấy tờ của người gửi.',
};

/**
 * @param {{ petition: ApiObject, action: string, onDone: (p: ApiObject) => void,
 *   onConflict: (current: ApiObject | null, message: string) => void, onCancel: () => void }} props
 */
export function PetitionActionForm({ petition, action, onDone, onConflict, onCancel }) {
  const fields = FIELDS[action] ?? [];
  const [values, setValues] = useState(/** @type {Record<string, string>} */ ({}));
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const label = PETITION_ACTION_LABELS[action] ?? action;

  const submit = async (event) => {
    event.preventDefault();
    /** @type {Record<string, string>} */
    const missing = {};
    for (const f of fields) {
      if (f.required && !values[f.name]?.trim()) {
        missing[f.name] = 'Bắt buộc nhập.';
      }
    }
    setErrors(missing);
    if (Object.keys(missing).length) {
      return;
    }
    /** @type {Record<string, unknown>} */
    const body = { version: petition.version };
    for (const f of fields) {
      if (values[f.name]?.trim()) {
        body[f.name] = values[f.name].trim();
      }
    }
    setBusy(true);
    try {
      onDone(
        await api(`/petitions/${encodeURIComponent(petition.code)}/${action}`, {
          method: 'POST',
          body,
        }),
      );
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const current = e.current && typeof e.current === 'object' && 'code' in e.current;
        onConflict(
          current ? /** @type {ApiObject} */ (e.current) : null,
          e.code === 'STALE_VERSION'
            ? 'Phản ánh vừa được người khác cập nhật. Đã tải lại trạng thái mới nhất, vui lòng kiểm tra rồi thực hiện lại.'
            : 'Thao tác không còn phù hợp với trạng thái hiện tại của phản ánh. Đã tải lại trạng thái mới nhất.',
        );
        return;
      }
      setErrors(
        Object.fromEntries(Object.entries(fieldErrors(e)).map(([k, v]) => [k, reasonText(v)])),
      );
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return html`<form class="action-form" onSubmit=${submit} novalidate>
    <h3>${label}</h3>
    <${Alert}>${error}<//>
    ${EXPLAIN[action] ? html`<p>${EXPLAIN[action]}</p>` : null}
    ${fields.map(
      (f) =>
        html`<${Field}
          id=${`pakn-action-${f.name}`}
          label=${f.label}
          required=${f.required}
          error=${errors[f.name]}
        >
          ${(a) =>
            f.kind === 'textarea'
              ? html`<textarea
                  ...${a}
                  rows="4"
                  value=${values[f.name] ?? ''}
                  onInput=${(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
                ></textarea>`
              : html`<input
                  ...${a}
                  type="text"
                  value=${values[f.name] ?? ''}
                  onInput=${(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
                />`}
        <//>`,
    )}
    <div class="actions">
      <button type="submit" class="button button--primary" disabled=${busy}>
        Xác nhận: ${label.toLowerCase()}
      </button>
      <button type="button" class="button button--secondary" onClick=${onCancel}>Hủy</button>
    </div>
  </form>`;
}
