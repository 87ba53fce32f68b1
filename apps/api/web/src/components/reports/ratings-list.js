// @ts-check
// Every citizen rating of a period, newest first, a page at a time; "only dissatisfied" filter.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api, errorMessage } from '../../api.js';
import { CHANNEL_LABELS, formatDateTime } from '../../format.js';
import { Link } from '../../router.js';
import { Alert } from '../field.js';

const PAGE = 25;

export function RatingsList({ today }) {
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [negative, setNegative] = useState(false);
  const [rows, setRows] = useState(
    /** @type {import('../../types.js').ApiObject[] | null} */ (null),
  );
  const [cursor, setCursor] = useState(/** @type {string | null} */ (null));
  const [error, setError] = useState('');

  const load = async (after) => {
    try {
      const page = await api('/ratings', {
        query: { from, to, negative: negative ? 'true' : undefined, cursor: after, limit: PAGE },
      });
      setRows((before) => (after && before ? [...before, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    setRows(null);
    void load(null);
  }, [from, to, negative]);

  return html`<section class="card list" aria-labelledby="ratings-title">
    <h2 id="ratings-title" class="list__title">Đánh giá của người dân</h2>
    <div class="report__form">
      <div class="field">
        <label for="ratings-from">Từ ngày</label>
        <input
          id="ratings-from"
          type="date"
          value=${from}
          onChange=${(e) => setFrom(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="ratings-to">Đến ngày</label>
        <input
          id="ratings-to"
          type="date"
          value=${to}
          onChange=${(e) => setTo(e.currentTarget.value)}
        />
      </div>
      <label class="check"
        ><input
          type="checkbox"
          checked=${negative}
          onChange=${(e) => setNegative(e.currentTarget.checked)}
        />
        Chỉ đánh giá chưa hài lòng</label
      >
    </div>
    <${Alert}>${error}<//>
    ${rows === null && !error ? html`<p class="muted">Đang tải…</p>` : null}
    ${rows && rows.length === 0 ? html`<p class="empty">Không có đánh giá trong khoảng này.</p>` : null}
    ${
      rows && rows.length > 0
        ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="Bảng đánh giá">
            <table class="table" data-testid="ratings">
              <thead>
                <tr>
                  <th scope="col">Điểm</th>
                  <th scope="col">Mã hồ sơ</th>
                  <th scope="col">Thủ tục</th>
                  <th scope="col">Phòng</th>
                  <th scope="col">Hình thức</th>
                  <th scope="col">Nhận xét</th>
                  <th scope="col">Thời gian</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) =>
                    html`<tr key=${r.applicationCode + r.ratedAt} data-code=${r.applicationCode}>
                      <td>
                        <span class=${`badge ${r.negative ? 'risk--overdue' : 'badge--status'}`}
                          >${r.score} điểm</span
                        >
                      </td>
                      <td>
                        <${Link} href=${`/app/ho-so/${encodeURIComponent(r.applicationCode)}`}
                          >${r.applicationCode}<//
                        >
                      </td>
                      <td>${r.procedureName}</td>
                      <td>${r.departmentName}</td>
                      <td>${CHANNEL_LABELS[r.channel] ?? r.channel}</td>
                      <td>${r.comment ?? html`<span class="muted">Không có nhận xét</span>`}</td>
                      <td class="nowrap">${formatDateTime(r.ratedAt)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : null
    }
    ${
      cursor
        ? html`<button type="button" class="button button--secondary" onClick=${() => load(cursor)}>
            Xem thêm
          </button>`
        : null
    }
  </section>`;
}
