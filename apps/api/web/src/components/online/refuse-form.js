// @ts-check
// Refusing an online application (Mẫu 03): the usual reasons to tick, and others in words.
// The reasons are sent as written: the refusal PDF and the citizen's e-mail quote them.
import { useState } from 'preact/hooks';
import { html } from '../../html.js';

/** The reasons a desk most often gives for refusing an online dossier at the check. */
export const REFUSAL_REASONS = [
  'Hồ sơ không thuộc thẩm quyền giải quyết của Sở Giáo dục và Đào tạo',
  'Thành phần hồ sơ không đầy đủ theo quy định của thủ tục',
  'Giấy tờ điện tử không đọc được hoặc không đúng loại giấy tờ yêu cầu',
  'Thông tin người nộp không khớp với giấy tờ kèm theo',
];

/**
 * @param {{ code: string, busy: boolean,
 *   onSubmit: (reasons: string[], note: string) => void, onCancel: () => void }} props
 */
export function RefuseForm({ code, busy, onSubmit, onCancel }) {
  const [ticked, setTicked] = useState(/** @type {string[]} */ ([]));
  const [other, setOther] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const id = (suffix) => `refuse-${code}-${suffix}`;

  const submit = (event) => {
    event.preventDefault();
    const reasons = [
      ...ticked,
      ...other
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ];
    if (reasons.length === 0) {
      setError('Chọn hoặc ghi ít nhất một lý do từ chối.');
      return;
    }
    setError('');
    onSubmit(reasons, note.trim());
  };
  const toggle = (reason, on) => {
    setTicked(on ? [...ticked, reason] : ticked.filter((r) => r !== reason));
    setError('');
  };

  return html`<form class="action-form" onSubmit=${submit} novalidate>
    <fieldset
      class=${`field ${error ? 'field--invalid' : ''}`}
      aria-describedby=${error ? id('error') : undefined}
    >
      <legend>Lý do từ chối tiếp nhận hồ sơ ${code}</legend>
      ${REFUSAL_REASONS.map(
        (reason, i) =>
          html`<label class="check" for=${id(i)}>
            <input
              id=${id(i)}
              type="checkbox"
              checked=${ticked.includes(reason)}
              onChange=${(e) => toggle(reason, e.currentTarget.checked)}
            />
            ${' '}${reason}
          </label>`,
      )}
      ${error ? html`<p class="error-text" id=${id('error')}>${error}</p>` : null}
    </fieldset>
    <div class="field">
      <label for=${id('other')}>Lý do khác (mỗi dòng một lý do)</label>
      <textarea
        id=${id('other')}
        rows="2"
        value=${other}
        onInput=${(e) => {
          setOther(e.currentTarget.value);
          setError('');
        }}
      ></textarea>
    </div>
    <div class="field">
      <label for=${id('note')}>Ghi chú nội bộ (không bắt buộc)</label>
      <textarea
        id=${id('note')}
        rows="2"
        value=${note}
        onInput=${(e) => setNote(e.currentTarget.value)}
      ></textarea>
    </div>
    <div class="actions">
      <button type="submit" class="button button--primary" disabled=${busy}>
        Xác nhận từ chối
      </button>
      <button type="button" class="button button--secondary" onClick=${onCancel}>Hủy</button>
    </div>
  </form>`;
}
