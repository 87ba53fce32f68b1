// @ts-check
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, ApiError, errorMessage } from '../api.js';
import { formatDateTime } from '../format.js';
import { Link, location } from '../router.js';
import { Alert, Field } from '../components/field.js';
import { SatisfactionRating } from '../components/satisfaction-rating.js';

/** @typedef {import('../types.js').ApiObject} ApiObject */

/** The citizen's page (no login): the code from the receipt (or its QR) and 4 phone digits. */
export function PublicStatusPage() {
  const fromUrl = location.value.query.get('code') ?? '';
  const [code, setCode] = useState(fromUrl);
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [error, setError] = useState('');
  const [result, setResult] = useState(/** @type {ApiObject | null} */ (null));
  // The code and digits that found `result`: the rating is sent with these, not with inputs
  // edited since.
  const [asked, setAsked] = useState(/** @type {{ code: string, phone: string } | null} */ (null));
  const [busy, setBusy] = useState(false);
  const codeInput = useRef(/** @type {HTMLInputElement | null} */ (null));
  const phoneInput = useRef(/** @type {HTMLInputElement | null} */ (null));
  useEffect(() => {
    document.title = 'Tra cứu hồ sơ — Một cửa';
    (fromUrl ? phoneInput : codeInput).current?.focus();
  }, []);

  const onSubmit = async (event) => {
    event.preventDefault();
    /** @type {Record<string, string>} */
    const problems = {};
    if (!code.trim()) {
      problems.code = 'Nhập mã hồ sơ ghi trên phiếu hẹn.';
    }
    if (!/^\d{4}$/.test(phone.trim())) {
      problems.phone = 'Nhập đúng 4 chữ số cuối của số điện thoại đã khai khi nộp hồ sơ.';
    }
    setErrors(problems);
    setResult(null);
    if (Object.keys(problems).length) {
      setError('');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const query = { code: code.trim(), phone: phone.trim() };
      setResult(
        // POST: the code and the phone digits stay out of URLs, histories and proxy logs.
        await api('/public/applications/lookup', { method: 'POST', auth: false, body: query }),
      );
      setAsked(query);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 404
          ? 'Không tìm thấy hồ sơ với mã và số điện thoại đã nhập. Vui lòng kiểm tra lại.'
          : errorMessage(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return html`
    <div class="page page--narrow">
      <h1>Tra cứu tình trạng hồ sơ</h1>
      <form class="card" onSubmit=${onSubmit} novalidate>
        <p class="muted">
          Nhập mã hồ sơ trên phiếu hẹn và 4 chữ số cuối số điện thoại của người nộp.
        </p>
        <${Alert}>${error}<//>
        <div class="grid">
          <${Field} id="code" label="Mã hồ sơ" required error=${errors.code}>
            ${(a) => html`<input ...${a} ref=${codeInput} type="text" autocomplete="off" spellcheck="false" value=${code} onInput=${(e) => setCode(e.currentTarget.value)} />`}
          <//>
          <${Field} id="phone" label="4 số cuối điện thoại" required error=${errors.phone}>
            ${(a) => html`<input ...${a} ref=${phoneInput} type="text" inputmode="numeric" maxlength="4" autocomplete="off" value=${phone} onInput=${(e) => setPhone(e.currentTarget.value)} />`}
          <//>
        </div>
        <div class="actions">
          <button type="submit" class="button button--primary" disabled=${busy}>
            ${busy ? 'Đang tra cứu…' : 'Tra cứu'}
          </button>
        </div>
      </form>
      ${
        result
          ? html`<section
              class="card status-result"
              aria-labelledby="status-title"
              aria-live="polite"
            >
              <h2 id="status-title">Hồ sơ ${result.code}</h2>
              <p class="status-result__label" data-testid="public-status">${result.statusLabel}</p>
              <dl class="facts">
                <div class="facts__row">
                  <dt>Thủ tục</dt>
                  <dd>${result.procedureName}</dd>
                </div>
                <div class="facts__row">
                  <dt>Ngày tiếp nhận</dt>
                  <dd>${formatDateTime(result.receivedAt)}</dd>
                </div>
                <div class="facts__row">
                  <dt>Ngày hẹn trả kết quả</dt>
                  <dd>${formatDateTime(result.appointmentAt)}</dd>
                </div>
                ${
                  result.resultReadyAt
                    ? html`<div class="facts__row">
                        <dt>Có kết quả lúc</dt>
                        <dd>${formatDateTime(result.resultReadyAt)}</dd>
                      </div>`
                    : null
                }
                ${
                  result.returnedAt
                    ? html`<div class="facts__row">
                        <dt>Đã trả kết quả lúc</dt>
                        <dd>${formatDateTime(result.returnedAt)}</dd>
                      </div>`
                    : null
                }
              </dl>
              ${
                result.status === 'result_ready'
                  ? html`<p>
                      Kết quả đã sẵn sàng. Mời ông/bà mang phiếu hẹn đến bộ phận một cửa để nhận.
                    </p>`
                  : null
              }
              <p>
                <${Link} href=${`/app/phan-anh-kien-nghi?ho-so=${encodeURIComponent(result.code)}`}
                  >Gửi phản ánh, kiến nghị về hồ sơ này<//
                >
              </p>
            </section>`
          : null
      }
      ${
        result
          ? html`<${SatisfactionRating}
              key=${result.code}
              status=${result}
              asked=${asked}
              onChange=${setResult}
            />`
          : null
      }
    </div>
  `;
}
