// @ts-check
// The latest negative citizen ratings of the period (/ratings?negative=true), newest first, so
// a dissatisfied citizen's comment reaches the managers who answer for K8.
import { html } from '../../html.js';
import { formatDateTime } from '../../format.js';
import { Link } from '../../router.js';

/** How many the panel shows; the API pages the rest. */
export const NEGATIVE_RATINGS_SHOWN = 10;

function RatingRow({ row }) {
  return html`<tr data-code=${row.applicationCode}>
    <td><span class="badge risk--overdue">${row.score} điểm</span></td>
    <td class="cell-main">
      <${Link} href=${`/app/ho-so/${encodeURIComponent(row.applicationCode)}`}
        >${row.applicationCode}<//
      >
    </td>
    <td>${row.procedureName}</td>
    <td>${row.departmentName}</td>
    <td>${row.comment ?? html`<span class="muted">Không có nhận xét</span>`}</td>
    <td class="nowrap">${formatDateTime(row.ratedAt)}</td>
  </tr>`;
}

/** `page` from /ratings: {items, nextCursor}. */
export function NegativeRatings({ page }) {
  return html`<section class="card list" aria-labelledby="negative-ratings-title">
    <h2 id="negative-ratings-title" class="list__title">Đánh giá chưa hài lòng gần đây</h2>
    ${
      page.items.length === 0
        ? html`<p class="empty">Không có đánh giá chưa hài lòng trong kỳ.</p>`
        : html`<table class="table" data-testid="negative-ratings">
              <thead>
                <tr>
                  <th scope="col">Điểm</th>
                  <th scope="col">Mã hồ sơ</th>
                  <th scope="col">Thủ tục</th>
                  <th scope="col">Phòng</th>
                  <th scope="col">Nhận xét</th>
                  <th scope="col">Thời gian</th>
                </tr>
              </thead>
              <tbody>
                ${page.items.map((r) => html`<${RatingRow} row=${r} />`)}
              </tbody>
            </table>
            ${
              page.nextCursor
                ? html`<p class="muted">
                    Chỉ hiện ${NEGATIVE_RATINGS_SHOWN} đánh giá mới nhất; trong kỳ còn đánh giá chưa
                    hài lòng khác.
                  </p>`
                : null
            }`
    }
  </section>`;
}
