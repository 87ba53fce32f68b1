// @ts-check
// Reports for the managers: the periodic workbooks, the tracking book and every citizen rating.
import { html } from '../html.js';
import { localDay } from '../format.js';
import { PeriodWorkbook } from '../components/reports/period-workbook.js';
import { TrackingBook } from '../components/reports/tracking-book.js';
import { RatingsList } from '../components/reports/ratings-list.js';

export function ReportsPage() {
  const today = localDay(Date.now());
  return html`<div class="page">
    <h1>Báo cáo</h1>
    <div class="grid">
      <${PeriodWorkbook} today=${today} />
      <${TrackingBook} today=${today} />
    </div>
    <${RatingsList} today=${today} />
  </div>`;
}
