// @ts-check
// Departments ranked by K1 on-time rate for the chosen period.
import { html } from '../../html.js';
import { formatNumber, formatPercent } from '../../format.js';

/** Best rate first; departments without a rate last; ties: the busier one first. */
function ranked(rows) {
  return [...rows].sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.population - a.population);
}

/** `rows` from /metrics/on-time?groupBy=department. */
export function DepartmentsTable({ rows }) {
  const ordered = ranked(rows);
  return html`<section class="card list" aria-labelledby="departments-title">
    <h2 id="departments-title" class="list__title">Xếp hạng phòng theo tỷ lệ đúng hạn</h2>
    ${
      ordered.length === 0
        ? html`<p class="empty">Chưa có hồ sơ trong kỳ này.</p>`
        : html`<table class="table">
            <thead>
              <tr>
                <th scope="col">Hạng</th>
                <th scope="col">Phòng</th>
                <th scope="col">Tổng số</th>
                <th scope="col">Trễ hạn</th>
                <th scope="col">Tỷ lệ đúng hạn</th>
              </tr>
            </thead>
            <tbody>
              ${ordered.map(
                (r, i) =>
                  html`<tr>
                    <td>${i + 1}</td>
                    <td class="cell-main">${r.label}</td>
                    <td>${formatNumber(r.population)}</td>
                    <td>${formatNumber(r.lateCount)}</td>
                    <td>${formatPercent(r.rate)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}
