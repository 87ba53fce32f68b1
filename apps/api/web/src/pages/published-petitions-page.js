// @ts-check
// The public list of published PAKN answers (no login): only the redacted text the API keeps
// for publication, searchable by words.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, errorMessage } from '../api.js';
import { formatDate } from '../format.js';
import { Link, location, navigate } from '../router.js';
import { Alert } from '../components/field.js';

/** @typedef {import('../types.js').ApiObject} ApiObject */

export function PublishedPetitionsPage() {
  const q = location.value.query.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [rows, setRows] = useState(/** @type {ApiObject[] | null} */ (null));
  const [error, setError] = useState('');
  useEffect(() => {
    document.title = 'Trả lời phản ánh, kiến nghị — Một cửa';
  }, []);
  useEffect(() => {
    setRows(null);
    setDraft(q);
    api('/public/petitions', { query: { q }, auth: false }).then(
      (found) => {
        setRows(found);
        setError('');
      },
      (e) => setError(errorMessage(e)),
    );
  }, [q]);
  const search = (event) => {
    event.preventDefault();
    const words = draft.trim();
    navigate(`/app/tra-loi-phan-anh-kien-nghi${words ? `?q=${encodeURIComponent(words)}` : ''}`);
  };
  return html`<div class="page page--narrow">
    <h1>Trả lời phản ánh, kiến nghị</h1>
    <p>
      Các phản ánh, kiến nghị đã được trả lời và người gửi đồng ý công khai; thông tin cá nhân đã
      được ẩn. <${Link} href="/app/phan-anh-kien-nghi">Gửi phản ánh, kiến nghị<//>
    </p>
    <form class="toolbar" role="search" onSubmit=${search}>
      <div class="field">
        <label for="pakn-search">Tìm theo từ khóa</label>
        <input
          id="pakn-search"
          type="search"
          value=${draft}
          onInput=${(e) => setDraft(e.currentTarget.value)}
        />
      </div>
      <button type="submit" class="button button--secondary">Tìm kiếm</button>
    </form>
    <${Alert}>${error}<//>
    ${rows === null && !error ? html`<p>Đang tải…</p>` : null}
    ${
      rows && rows.length === 0
        ? html`<p>
            ${q ? `Không có câu trả lời nào chứa “${q}”.` : 'Chưa có câu trả lời nào được công khai.'}
          </p>`
        : null
    }
    <ul class="inbox__list">
      ${(rows ?? []).map(
        (r) =>
          html`<li key=${r.code} class="inbox__item petition" data-testid="published-petition">
            <h2>${r.title}</h2>
            <p class="inbox__meta">
              <span class="code">${r.code}</span>
              <span>Nhận ngày ${formatDate(r.receivedAt)}</span>
              <span>Trả lời ngày ${formatDate(r.answeredAt)}</span>
            </p>
            <h3>Nội dung phản ánh, kiến nghị</h3>
            <p class="petition__text">${r.content}</p>
            <h3>Trả lời</h3>
            <p class="petition__text">${r.answer}</p>
          </li>`,
      )}
    </ul>
  </div>`;
}
