// @ts-check
// K1 by month over the last 12 months: an SVG bar chart, no chart library.
import { html } from '../../html.js';
import { formatNumber, formatPercent } from '../../format.js';

const TARGET = 98;
const WIDTH = 720;
const HEIGHT = 220;
const TOP = 16;
const BOTTOM = 36;
const LEFT = 40;
const PLOT = HEIGHT - TOP - BOTTOM;

/**
 * The axis runs from a floor below the lowest rate (and the 98 % target) to 100, so that 93 % and
 * 98 % look different; the floor is a multiple of 5, at least 5 points under the lowest value.
 * @param {number[]} rates
 */
export function axisFloor(rates) {
  const lowest = Math.min(TARGET, ...rates);
  return Math.max(0, Math.floor((lowest - 5) / 5) * 5);
}

/** @param {number} floor */
const scale = (floor) => (rate) =>
  TOP + PLOT - (PLOT * (Math.max(rate, floor) - floor)) / (100 - floor);

function Bar({ month, row, index, slot, y }) {
  const x = LEFT + index * slot + slot * 0.2;
  const rate = row?.rate ?? null;
  return html`<g>
    ${
      rate === null
        ? html`<text
            class="trend__none"
            x=${x + slot * 0.3}
            y=${TOP + PLOT - 4}
            text-anchor="middle"
            >—</text
          >`
        : html`<rect
            class=${rate >= TARGET ? 'trend__bar' : 'trend__bar trend__bar--low'}
            x=${x}
            y=${y(rate)}
            width=${slot * 0.6}
            height=${Math.max(1, TOP + PLOT - y(rate))}
          />`
    }
    <text class="trend__axis" x=${x + slot * 0.3} y=${HEIGHT - BOTTOM + 16} text-anchor="middle">
      ${month.label.slice(0, 2)}
    </text>
  </g>`;
}

/** The same figures as a table: what a screen reader (or a careful reader) gets. */
function TrendTable({ months, byKey }) {
  return html`<details class="trend__data">
    <summary>Xem số liệu dạng bảng</summary>
    <table class="table">
      <thead>
        <tr>
          <th scope="col">Tháng</th>
          <th scope="col">Tổng số hồ sơ</th>
          <th scope="col">Tỷ lệ đúng hạn</th>
        </tr>
      </thead>
      <tbody>
        ${months.map((m) => {
          const row = byKey.get(m.key);
          return html`<tr>
            <th scope="row">${m.label}</th>
            <td>${row ? formatNumber(row.population) : 0}</td>
            <td>${formatPercent(row?.rate ?? null)}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </details>`;
}

/** `months` from lastTwelveMonths(); `rows` from /metrics/on-time?groupBy=month. */
export function TrendChart({ months, rows }) {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const slot = (WIDTH - LEFT) / months.length;
  const floor = axisFloor(rows.map((r) => r.rate).filter((r) => typeof r === 'number'));
  const y = scale(floor);
  const target = y(TARGET);
  return html`<figure class="trend">
    <svg
      class="trend__chart"
      viewBox=${`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby="trend-title"
      focusable="false"
    >
      <title id="trend-title">Tỷ lệ đúng hạn theo tháng, 12 tháng gần nhất; chỉ tiêu 98 %</title>
      ${[floor, (floor + 100) / 2, 100].map(
        (v) =>
          html`<g>
            <line class="trend__grid" x1=${LEFT} x2=${WIDTH} y1=${y(v)} y2=${y(v)} />
            <text class="trend__axis" x=${LEFT - 6} y=${y(v) + 4} text-anchor="end"
              >${formatNumber(v)}</text
            >
          </g>`,
      )}
      <line class="trend__target" x1=${LEFT} x2=${WIDTH} y1=${target} y2=${target} />
      ${months.map(
        (m, i) =>
          html`<${Bar} month=${m} row=${byKey.get(m.key)} index=${i} slot=${slot} y=${y} />`,
      )}
    </svg>
    <figcaption class="muted">
      Cột: tỷ lệ đúng hạn mỗi tháng (trục từ ${formatNumber(floor)} % đến 100 %); đường ngang: chỉ
      tiêu 98 %; “—”: tháng chưa có hồ sơ.
    </figcaption>
    <${TrendTable} months=${months} byKey=${byKey} />
  </figure>`;
}
