// @ts-check
// The dashboard's period (this month / quarter / year, up to today) and the trend's 12 months.
import { html } from '../../html.js';
import { formatDate, localDay } from '../../format.js';

const PERIODS = [
  { id: 'month', label: 'Tháng này' },
  { id: 'quarter', label: 'Quý này' },
  { id: 'year', label: 'Năm nay' },
];

/** from..to (YYYY-MM-DD, Vietnam's days) of the chosen period, up to today. */
export function periodRange(period, today = localDay(new Date())) {
  const [y, m] = today.split('-').map(Number);
  const startMonth =
    period === 'year' ? 1 : period === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  return { from: `${y}-${String(startMonth).padStart(2, '0')}-01`, to: today };
}

/** The 12 months ending with the current one, as {key: 'YYYY-MM', label: 'MM/YYYY'}. */
export function lastTwelveMonths(today) {
  const [y, m] = today.split('-').map(Number);
  const months = [];
  for (let i = 11; i >= 0; i -= 1) {
    const index = y * 12 + (m - 1) - i;
    const year = Math.floor(index / 12);
    const month = String((index % 12) + 1).padStart(2, '0');
    months.push({ key: `${year}-${month}`, label: `${month}/${year}` });
  }
  return months;
}

// Local dates read at noon in Vietnam: formatDate never slips a day, whatever the zone.
const asDate = (day) => `${day}T12:00:00+07:00`;

/** A radio group (arrow keys move within it); `range` is the API's from..to once loaded. */
export function PeriodPicker({ period, onChange, range }) {
  return html`<fieldset class="period">
    <legend>Kỳ thống kê</legend>
    ${PERIODS.map(
      (p) =>
        html`<label class="period__option">
          <input
            type="radio"
            name="period"
            value=${p.id}
            checked=${period === p.id}
            onChange=${() => onChange(p.id)}
          />
          ${p.label}
        </label>`,
    )}
    ${
      range
        ? html`<span class="muted period__range"
            >${formatDate(asDate(range.from))} – ${formatDate(asDate(range.to))}</span
          >`
        : null
    }
  </fieldset>`;
}
