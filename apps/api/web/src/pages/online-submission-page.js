// @ts-check
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, ApiError, errorMessage, fieldErrors } from '../api.js';
import { localizeFields } from '../reasons.js';
import { formatDateTime } from '../format.js';
import { Alert, Field } from '../components/field.js';

/** @typedef {import('../types.js').ApiObject} ApiObject */

const money = (vnd) => `${new Intl.NumberFormat('vi-VN').format(vnd)} đồng`;

/**
 * A file sent as the request body; the API judges its type by its bytes.
 * @param {File} file
 * @returns {Promise<ApiObject>}
 */
async function uploadFile(file) {
  const res = await fetch(`/api/v1/public/uploads?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError(res.status, body);
  }
  return body;
}

const FIELDS = [
  ['fullName', 'Họ và tên', 'name'],
  ['idNumber', 'Số định danh cá nhân/CCCD', 'off'],
  ['phone', 'Số điện thoại', 'tel'],
  ['email', 'Thư điện tử', 'email'],
  ['address', 'Địa chỉ', 'street-address'],
];

/** The citizen's online submission (no login): procedure, applicant, documents, fee, submit. */
export function OnlineSubmissionPage() {
  const [procedures, setProcedures] = useState(/** @type {ApiObject[]} */ ([]));
  const [code, setCode] = useState('');
  const [applicant, setApplicant] = useState(/** @type {Record<string, string>} */ ({}));
  const [files, setFiles] = useState(/** @type {Record<string, File | undefined>} */ ({}));
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(/** @type {ApiObject | null} */ (null));
  useEffect(() => {
    document.title = 'Nộp hồ sơ trực tuyến — Một cửa';
    api('/public/online-procedures', { auth: false }).then(setProcedures, (e) =>
      setError(errorMessage(e)),
    );
  }, []);
  const procedure = procedures.find((p) => p.code === code) ?? null;

  const onSubmit = async (event) => {
    event.preventDefault();
    if (!procedure) {
      setErrors({ procedureCode: 'Chọn thủ tục cần thực hiện.' });
      return;
    }
    /** @type {Record<string, string>} */
    const missing = {};
    for (const name of procedure.documents) {
      if (!files[name]) {
        missing[`doc:${name}`] = 'Chọn tệp PDF, JPEG hoặc PNG cho giấy tờ này.';
      }
    }
    setErrors(missing);
    if (Object.keys(missing).length) {
      return;
    }
    setBusy(true);
    setError('');
    try {
      const attached = [];
      for (const name of procedure.documents) {
        const file = /** @type {File} */ (files[name]);
        try {
          const up = await uploadFile(file);
          attached.push({ id: up.id, uploadToken: up.uploadToken, documentName: name });
        } catch (err) {
          const tooBig = err instanceof ApiError && err.status === 413;
          setErrors({
            [`doc:${name}`]: tooBig
              ? 'Tệp quá lớn.'
              : 'Tệp không hợp lệ: chỉ nhận PDF, JPEG, PNG trong giới hạn dung lượng.',
          });
          throw err;
        }
      }
      const body = { procedureCode: procedure.code, applicant, files: attached };
      setDone(await api('/public/online-applications', { method: 'POST', body, auth: false }));
    } catch (err) {
      // The API's reasons are English: the citizen reads them in Vietnamese.
      const byField = localizeFields(fieldErrors(err));
      const mapped = Object.fromEntries(
        Object.entries(byField).map(([k, v]) => [k.replace(/^applicant\./, ''), v]),
      );
      setErrors((before) => ({ ...before, ...mapped }));
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return html`<div class="page page--narrow">
      <h1>Đã nộp hồ sơ trực tuyến</h1>
      <div class="card" role="status">
        <p>Mã hồ sơ: <strong data-testid="online-code">${done.code}</strong></p>
        <p>Trạng thái: ${done.statusLabel} (mã ${done.portalStatusCode})</p>
        <p>Lệ phí: ${money(done.feeVnd)}</p>
        <p>Bộ phận Một cửa kiểm tra hồ sơ trước ${formatDateTime(done.checkDueAt)}.</p>
        <p>
          Mã truy cập (giữ lại để xem giấy tờ và nộp bổ sung trực tuyến):
          <code data-testid="online-access">${done.accessToken}</code>
        </p>
        <p class="muted">
          Kết quả từng bước được gửi đến thư điện tử của ông/bà; tra cứu tình trạng tại
          <a href=${`/app/tra-cuu?code=${encodeURIComponent(done.code)}`}>trang tra cứu</a>.
        </p>
      </div>
    </div>`;
  }
  return html`
    <div class="page page--narrow">
      <h1>Nộp hồ sơ trực tuyến</h1>
      <form class="card" onSubmit=${onSubmit} novalidate>
        <${Alert}>${error}<//>
        <${Field} id="procedureCode" label="Thủ tục" required error=${errors.procedureCode}>
          ${(a) =>
            html`<select ...${a} value=${code} onChange=${(e) => setCode(e.currentTarget.value)}>
              <option value="">— Chọn thủ tục —</option>
              ${procedures.map((p) => html`<option value=${p.code}>${p.code} — ${p.name}</option>`)}
            </select>`}
        <//>
        ${
          procedure
            ? html`<p data-testid="online-fee">
                Lệ phí: <strong>${money(procedure.feeVnd)}</strong> · Thời hạn:
                ${procedure.timeLimitValue} ngày làm việc
              </p>`
            : null
        }
        ${FIELDS.map(
          ([key, label, auto]) =>
            html`<${Field}
              id=${key}
              label=${label}
              required=${key !== 'address'}
              error=${errors[key]}
            >
              ${(a) =>
                html`<input
                  ...${a}
                  type=${key === 'email' ? 'email' : 'text'}
                  autocomplete=${auto}
                  value=${applicant[key] ?? ''}
                  onInput=${(e) => setApplicant({ ...applicant, [key]: e.currentTarget.value })}
                />`}
            <//>`,
        )}
        ${(procedure?.documents ?? []).map(
          (name, i) =>
            html`<${Field}
              id=${`doc-${i}`}
              label=${name}
              required
              error=${errors[`doc:${name}`]}
              hint="PDF, JPEG hoặc PNG"
            >
              ${(a) =>
                html`<input
                  ...${a}
                  type="file"
                  accept=".pdf,.jpg,.jpeg,.png"
                  onChange=${(e) => setFiles({ ...files, [name]: e.currentTarget.files?.[0] })}
                />`}
            <//>`,
        )}
        <button class="button button--primary" type="submit" disabled=${busy}>
          ${busy ? 'Đang gửi…' : 'Nộp hồ sơ'}
        </button>
      </form>
    </div>
  `;
}
