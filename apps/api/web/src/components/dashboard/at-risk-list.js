// @ts-check
// Open applications due within one working day or overdue (/metrics/at-risk), by due date.
import { html } from '../../html.js';
import { formatDate } from '../../format.js';
import { Link } from '../../router.js';

// Words as well as colour: "Quá hạn N ngày làm việc" reads the same without the red.
function daysLeftLabel(n) {
  if (n < 0) {
    return { text: `Quá hạn ${-n} ngày làm việc`, className: 'risk--overdue' };
  }
  if (n === 0) {
    return { text: 'Đến hạn trong hôm nay', className: 'risk--soon' };
  }
  return { text: `Còn ${n} ngày làm việc`, className: 'risk--soon' };
}

function AtRiskRow({ row }) {
  const left = daysLeftLabel(row.workingDaysLeft);
  return html`<tr data-code=${row.code}>
    <td class="cell-main">
      <${Link} href=${`/app/ho-so/${encodeURIComponent(row.code)}`}>${row.code}<//>
    </td>
    <td>${row.procedureName}</td>
    <td>${row.departmentName}</td>
    <td>${formatDate(row.dueAt)}</td>
    <td><span class=${`badge ${left.className}`}>${left.text}</span></td>
  </tr>`;
}

export function AtRiskList({ rows }) {
  return html`<section class="card list" aria-labelledby="at-risk-title">
    <h2 id="at-risk-title" class="list__title">Hồ sơ có nguy cơ trễ hạn</h2>
    ${
      rows.length === 0
        ? html`<p class="empty">Không có hồ sơ nào sắp đến hạn hoặc quá hạn.</p>`
        : html`<table class="table" data-testid="at-risk">
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Thủ tục</th>
                <th scope="col">Phòng</th>
                <th scope="col">Hạn trả</th>
                <th scope="col">Còn lại</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map((r) => html`<${AtRiskRow} row=${r} />`)}
            </tbody>
          </table>`
    }
  </section>`;
}
