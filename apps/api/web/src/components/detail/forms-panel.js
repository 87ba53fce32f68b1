// @ts-check
// Every form the application has, to view and print again or to save (Thông tư 01/2018 forms).
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { downloadFile, openPdf } from '../../pdf.js';
import { Alert } from '../field.js';

/** @typedef {import('../../types.js').ApiObject} ApiObject */

/** The forms, in the order a file is made, and when an application has each. */
const FORMS = [
  {
    file: 'receipt',
    title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    has: (a, done) => a.status !== 'not_accepted' || done.has('receive'),
  },
  {
    file: 'control-sheet',
    title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    has: (a) => a.status !== 'not_accepted',
  },
  {
    file: 'supplement-request',
    title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    has: (a, done) => done.has('request-supplement'),
  },
  {
    file: 'refusal',
    title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    has: (a, done) => done.has('refuse') || a.status === 'not_accepted',
  },
  {
    file: 'apology',
    title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
    has: (a, done) => done.has('apologize') || (a.apologyCount ?? 0) > 0,
  },
  {
    file: 'stop-notice',
    title: 'Thông báo dừng giải quyết hồ sơ',
    has: (a) => a.status === 'stopped' && !!a.receivedAt,
  },
];

/** @param {{ application: ApiObject }} props */
export function FormsPanel({ application: a }) {
  const [error, setError] = useState('');
  const done = new Set((a.history ?? []).map((h) => h.action));
  const forms = FORMS.filter((f) => f.has(a, done));
  if (forms.length === 0) {
    return null;
  }
  const path = (file) => `/applications/${encodeURIComponent(a.code)}/documents/${file}.pdf`;
  const view = async (form) => {
    setError('');
    const failed = await openPdf(path(form.file));
    setError(failed ? `Chưa mở được ${form.title.toLowerCase()}. ${failed}` : '');
  };
  const save = async (form) => {
    setError('');
    const failed = await downloadFile(path(form.file), `${a.code}-${form.file}.pdf`);
    setError(failed ? `Chưa tải được ${form.title.toLowerCase()}. ${failed}` : '');
  };
  return html`<section aria-labelledby="forms-title" class="forms">
    <h3 id="forms-title">Giấy tờ, biểu mẫu</h3>
    <${Alert}>${error}<//>
    <ul class="forms__list">
      ${forms.map(
        (f) =>
          html`<li key=${f.file} class="forms__item" data-form=${f.file}>
            <span>${f.title}</span>
            <span class="forms__buttons">
              <button
                type="button"
                class="button button--secondary"
                aria-label=${`Xem và in: ${f.title}`}
                onClick=${() => view(f)}
              >
                Xem, in
              </button>
              <button
                type="button"
                class="button button--secondary"
                aria-label=${`Tải về: ${f.title}`}
                onClick=${() => save(f)}
              >
                Tải về
              </button>
            </span>
          </li>`,
      )}
    </ul>
  </section>`;
}
