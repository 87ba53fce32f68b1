// @ts-check
// A feedback or petition (phản ánh, kiến nghị — PAKN): the public form, and the desk's record of
// one received in person, by phone or by post (Decree 20/2008 as amended: content, name, address,
// phone or postal address; optionally the application and procedure it concerns).
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api, errorMessage, fieldErrors } from '../../api.js';
import { reasonText } from '../../reasons.js';
import { Alert, Field } from '../field.js';

/** @typedef {import('../../types.js').ApiObject} ApiObject */

export const PETITION_CHANNEL_LABELS = {
  web: 'Biểu mẫu trực tuyến',
  in_person: 'Trực tiếp tại Bộ phận Một cửa',
  phone: 'Điện thoại (cán bộ ghi lại)',
  post: 'Bưu chính',
  email: 'Thư điện tử',
};

const PETITIONER_FIELDS = [
  ['fullName', 'Họ và tên', 'name', true, null],
  [
    'address',
    'Địa chỉ liên hệ',
    'street-address',
    true,
    'Địa chỉ bưu chính để nhận văn bản trả lời',
  ],
  ['phone', 'Số điện thoại', 'tel', false, 'Ví dụ 0912345678'],
  ['email', 'Thư điện tử', 'email', false, null],
];

/** The API's English reasons, for the citizen in Vietnamese. */
function vietnamese(field, reason) {
  if (field === 'petitioner.phone') {
    return /postal address/.test(reason)
      ? 'Ghi số điện thoại hoặc địa chỉ bưu chính.'
      : 'Số điện thoại không hợp lệ (ví dụ 0912345678).';
  }
  if (field === 'petitioner.email') {
    return 'Địa chỉ thư điện tử không hợp lệ.';
  }
  if (field === 'applicationCode') {
    return 'Không có hồ sơ nào mang mã này. Kiểm tra lại mã trên giấy hẹn.';
  }
  return reasonText(reason);
}

/**
 * @param {{ desk?: boolean, applicationCode?: string, onDone: (petition: ApiObject) => void }} props
 *   desk: recorded by an officer (channel chosen, bearer token), else the public form;
 *   applicationCode: the application it is about, filled in (from the status page's link)
 */
export function PetitionForm({ desk = false, applicationCode = '', onDone }) {
  const [values, setValues] = useState(
    /** @type {Record<string, string>} */ ({ channel: desk ? 'phone' : 'web', applicationCode }),
  );
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (key) => (e) => {
    setValues({ ...values, [key]: e.currentTarget.value });
    setErrors({ ...errors, [key]: '' });
  };
  const text = (key) => values[key]?.trim() || undefined;

  const onSubmit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    const body = {
      title: values.title?.trim() ?? '',
      content: values.content?.trim() ?? '',
      petitioner: {
        fullName: values.fullName?.trim() ?? '',
        address: values.address?.trim() ?? '',
        phone: text('phone'),
        email: text('email'),
      },
      applicationCode: text('applicationCode'),
      procedureCode: text('procedureCode'),
      consentToPublish: consent,
      ...(desk ? { channel: values.channel } : {}),
    };
    try {
      onDone(
        await api(desk ? '/petitions' : '/public/petitions', {
          method: 'POST',
          body,
          auth: desk,
        }),
      );
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors(
        Object.fromEntries(
          Object.entries(byField).map(([k, v]) => [
            k.replace(/^petitioner\./, ''),
            vietnamese(k, v),
          ]),
        ),
      );
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const input = (key, label, auto, required, hint, type = 'text') =>
    html`<${Field}
      id=${`pakn-${key}`}
      label=${label}
      required=${required}
      error=${errors[key]}
      hint=${hint}
    >
      ${(a) =>
        html`<input
          ...${a}
          type=${type}
          autocomplete=${auto}
          value=${values[key] ?? ''}
          onInput=${set(key)}
        />`}
    <//>`;

  return html`<form class="card" onSubmit=${onSubmit} novalidate>
    <${Alert}>${error}<//>
    ${
      desk
        ? html`<${Field} id="pakn-channel" label="Hình thức tiếp nhận" required>
            ${(a) =>
              html`<select ...${a} value=${values.channel} onChange=${set('channel')}>
                ${['in_person', 'phone', 'post', 'email'].map(
                  (c) => html`<option value=${c}>${PETITION_CHANNEL_LABELS[c]}</option>`,
                )}
              </select>`}
          <//>`
        : null
    }
    ${input('title', 'Tiêu đề', 'off', true, null)}
    <${Field}
      id="pakn-content"
      label="Nội dung phản ánh, kiến nghị"
      required
      error=${errors.content}
      hint="Ghi rõ sự việc, thời gian, nơi xảy ra và đề nghị của ông/bà."
    >
      ${(a) =>
        html`<textarea
          ...${a}
          rows="6"
          value=${values.content ?? ''}
          onInput=${set('content')}
        ></textarea>`}
    <//>
    <fieldset class="group">
      <legend>Người phản ánh, kiến nghị</legend>
      ${PETITIONER_FIELDS.map(([key, label, auto, required, hint]) =>
        input(
          key,
          label,
          auto,
          required,
          hint,
          key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text',
        ),
      )}
    </fieldset>
    <fieldset class="group">
      <legend>Liên quan đến (nếu có)</legend>
      ${input('applicationCode', 'Mã hồ sơ', 'off', false, 'Mã trên giấy tiếp nhận và hẹn trả kết quả')}
      ${input('procedureCode', 'Mã thủ tục hành chính', 'off', false, 'Ví dụ 2.001914')}
    </fieldset>
    <div class="field">
      <label class="check" for="pakn-consent">
        <input
          id="pakn-consent"
          type="checkbox"
          checked=${consent}
          onChange=${(e) => setConsent(e.currentTarget.checked)}
        />
        ${' '}Đồng ý công khai nội dung phản ánh và câu trả lời (họ tên, địa chỉ, số điện thoại, thư
        điện tử được ẩn)
      </label>
    </div>
    <button class="button button--primary" type="submit" disabled=${busy}>
      ${busy ? 'Đang gửi…' : desk ? 'Ghi nhận phản ánh' : 'Gửi phản ánh, kiến nghị'}
    </button>
  </form>`;
}
