// @ts-check
// Managers' dashboard: KPI cards against targets, the on-time trend, departments ranked, the
// forecast, the at-risk list and the latest negative ratings; refetched when the metrics stream
// says applications (or ratings) changed.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, errorMessage } from '../api.js';
import { formatClockTime, localDay } from '../format.js';
import { AtRiskList } from '../components/dashboard/at-risk-list.js';
import { DepartmentsTable } from '../components/dashboard/departments-table.js';
import { ForecastCard, KpiCards } from '../components/dashboard/kpi-cards.js';
import { LiveStatus, useLiveUpdates } from '../components/dashboard/live-updates.js';
import {
  NEGATIVE_RATINGS_SHOWN,
  NegativeRatings,
} from '../components/dashboard/negative-ratings.js';
import {
  lastTwelveMonths,
  PeriodPicker,
  periodRange,
} from '../components/dashboard/period-picker.js';
import { TrendChart } from '../components/dashboard/trend-chart.js';

/** @typedef {import('../types.js').ApiObject} ApiObject */

/** Everything the page shows, fetched at once so the figures always belong together. */
async function fetchFigures(period) {
  const today = localDay(new Date());
  const range = periodRange(period, today);
  const months = lastTwelveMonths(today);
  const [summary, departments, trend, forecast, atRisk, negativeRatings] = await Promise.all([
    api('/metrics/summary', { query: range }),
    api('/metrics/on-time', { query: { ...range, groupBy: 'department' } }),
    api('/metrics/on-time', {
      query: { from: `${months[0].key}-01`, to: today, groupBy: 'month' },
    }),
    api('/metrics/forecast', { query: range }),
    api('/metrics/at-risk', { query: { limit: 20 } }),
    api('/ratings', { query: { ...range, negative: true, limit: NEGATIVE_RATINGS_SHOWN } }),
  ]);
  return { summary, departments, trend, forecast, atRisk, negativeRatings, months };
}

export function DashboardPage() {
  const [period, setPeriod] = useState('month');
  const [data, setData] = useState(/** @type {ApiObject | null} */ (null));
  const [error, setError] = useState(/** @type {string | null} */ (null));
  const [updatedAt, setUpdatedAt] = useState(/** @type {Date | null} */ (null));
  const latest = useRef(0);

  const load = useCallback(async () => {
    const call = (latest.current += 1);
    try {
      const figures = await fetchFigures(period);
      if (call !== latest.current) {
        return; // a newer load has started: its answer wins
      }
      setData(figures);
      setError(null);
      setUpdatedAt(new Date());
    } catch (e) {
      if (call === latest.current) {
        setError(errorMessage(e));
      }
    }
  }, [period]);

  useEffect(() => {
    void load();
  }, [load]);

  // The stream outlives period changes: it calls whichever load is current.
  const loadRef = useRef(load);
  loadRef.current = load;
  const live = useLiveUpdates(() => void loadRef.current());

  return html`<div class="page page--wide dashboard">
    <div class="dashboard__head">
      <h1>Bảng điều khiển</h1>
      <p class="dashboard__live muted" aria-live="polite" data-testid="updated-at">
        ${updatedAt ? `Cập nhật lúc ${formatClockTime(updatedAt)}` : 'Đang tải số liệu…'} ${' · '}
        <${LiveStatus} live=${live} />
      </p>
    </div>
    <${PeriodPicker} period=${period} onChange=${setPeriod} range=${data?.summary} />
    ${error ? html`<p class="alert alert--error" role="alert">${error}</p>` : null}
    ${
      data
        ? html`
            <${KpiCards} kpis=${data.summary.kpis} openTotals=${data.departments.total} />
            <${ForecastCard} forecast=${data.forecast} />
            <div class="dashboard__grid">
              <section class="card" aria-labelledby="trend-heading">
                <h2 id="trend-heading">Tỷ lệ đúng hạn theo tháng</h2>
                <${TrendChart} months=${data.months} rows=${data.trend.rows} />
              </section>
              <${DepartmentsTable} rows=${data.departments.rows} />
            </div>
            <${AtRiskList} rows=${data.atRisk.rows} />
            <${NegativeRatings} page=${data.negativeRatings} />
          `
        : null
    }
  </div>`;
}
