// Managers' dashboard: KPI cards against targets, the on-time trend, departments ranked, the
// forecast and the at-risk list; refetched when the metrics stream says applications changed.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, errorMessage } from '../api.js';
import { Link } from '../router.js';
import { session } from '../session.js';
import { formatDate, localDay, TIME_ZONE } from '../format.js';

const PERIODS = [
  { id: 'month', label: 'Tháng này' },
  { id: 'quarter', label: 'Quý này' },
  { id: 'year', label: 'Năm nay' },
];

const CARD_CODES = ['K1', 'K3', 'K4', 'K5', 'K6'];

const STATUS = {
  met: { label: 'Đạt', className: 'kpi--met' },
  at_risk: { label: 'Có nguy cơ', className: 'kpi--at-risk' },
  missed: { label: 'Chưa đạt', className: 'kpi--missed' },
  not_available: { label: 'Chưa có dữ liệu', className: 'kpi--na' },
  no_target: { label: 'Không có chỉ tiêu', className: 'kpi--na' },
};

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const percent = (value) =>
  value === null || value === undefined ? '—' : `${number.format(value)} %`;

/** from..to (YYYY-MM-DD, Vietnam's days) of the chosen period, up to today. */
export function periodRange(period, today = localDay(new Date())) {
  const [y, m] = today.split('-').map(Number);
  const startMonth =
    period === 'year' ? 1 : period === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  return { from: `${y}-${String(startMonth).padStart(2, '0')}-01`, to: today };
}

/** The 12 months ending with the current one, as {key: 'YYYY-MM', label: 'MM/YYYY'}. */
function lastTwelveMonths(today) {
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

function clockTime(date) {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

function KpiCard({ kpi, testId, extra }) {
  const s = STATUS[kpi.status] ?? STATUS.not_available;
  const available = kpi.status !== 'not_available' && kpi.value !== null;
  return html`<section
    class=${`card kpi ${s.className}`}
    data-testid=${testId}
    aria-labelledby=${`${testId}-name`}
  >
    <h2 class="kpi__name" id=${`${testId}-name`}>
      <span class="kpi__code">${kpi.code}</span> ${kpi.name}
    </h2>
    <p class="kpi__value" data-testid=${`${testId}-value`}>
      ${available ? percent(kpi.value) : 'Chưa có dữ liệu'}
    </p>
    <p class="kpi__target">
      Chỉ tiêu: ${kpi.target === null ? 'không có' : `≥ ${number.format(kpi.target)} %`}
    </p>
    ${
      available && kpi.denominator !== undefined
        ? html`<p class="kpi__detail muted">
            ${number.format(kpi.numerator)} / ${number.format(kpi.denominator)} hồ sơ
          </p>`
        : null
    }
    ${extra}
    <p class="kpi__status"><span class="badge kpi__badge">${s.label}</span></p>
  </section>`;
}

/** Bars of the K1 rate per month; the same figures are in a table for screen readers. */
function TrendChart({ months, rows }) {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const width = 720;
  const height = 220;
  const top = 16;
  const bottom = 36;
  const left = 40;
  const plot = height - top - bottom;
  const slot = (width - left) / months.length;
  const y = (rate) => top + plot - (plot * rate) / 100;
  const target = y(98);
  return html`<figure class="trend">
    <svg
      class="trend__chart"
      viewBox=${`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="trend-title"
      focusable="false"
    >
      <title id="trend-title">Tỷ lệ đúng hạn theo tháng, 12 tháng gần nhất; chỉ tiêu 98 %</title>
      ${[0, 50, 100].map(
        (v) =>
          html`<g>
            <line class="trend__grid" x1=${left} x2=${width} y1=${y(v)} y2=${y(v)} />
            <text class="trend__axis" x=${left - 6} y=${y(v) + 4} text-anchor="end">${v}</text>
          </g>`,
      )}
      <line class="trend__target" x1=${left} x2=${width} y1=${target} y2=${target} />
      ${months.map((m, i) => {
        const row = byKey.get(m.key);
        const x = left + i * slot + slot * 0.2;
        const rate = row?.rate ?? null;
        return html`<g>
          ${
            rate === null
              ? html`<text
                  class="trend__none"
                  x=${x + slot * 0.3}
                  y=${top + plot - 4}
                  text-anchor="middle"
                  >—</text
                >`
              : html`<rect
                  class=${rate >= 98 ? 'trend__bar' : 'trend__bar trend__bar--low'}
                  x=${x}
                  y=${y(rate)}
                  width=${slot * 0.6}
                  height=${Math.max(1, top + plot - y(rate))}
                />`
          }
          <text
            class="trend__axis"
            x=${x + slot * 0.3}
            y=${height - bottom + 16}
            text-anchor="middle"
          >
            ${m.label.slice(0, 2)}
          </text>
        </g>`;
      })}
    </svg>
    <figcaption class="muted">
      Cột: tỷ lệ đúng hạn mỗi tháng; đường ngang: chỉ tiêu 98 %; “—”: tháng chưa có hồ sơ.
    </figcaption>
    <details class="trend__data">
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
              <td>${row ? number.format(row.total) : 0}</td>
              <td>${percent(row?.rate ?? null)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </details>
  </figure>`;
}

function daysLeftLabel(n) {
  if (n < 0) {
    return { text: `Quá hạn ${-n} ngày làm việc`, className: 'risk--overdue' };
  }
  if (n === 0) {
    return { text: 'Đến hạn trong hôm nay', className: 'risk--soon' };
  }
  return { text: `Còn ${n} ngày làm việc`, className: 'risk--soon' };
}

function forecastSentence(f) {
  if (!f || f.total === 0) {
    return 'Chưa có hồ sơ trong kỳ này.';
  }
  if (!f.achievable) {
    return `Không thể giữ ≥ ${f.target} % trong kỳ này: cần ${number.format(f.required)} hồ sơ đúng hạn nhưng chỉ còn ${number.format(f.openPending)} hồ sơ đang trong hạn.`;
  }
  if (f.required === 0) {
    return `Đã đủ hồ sơ đúng hạn để giữ ≥ ${f.target} % trong kỳ này.`;
  }
  return `Cần thêm ${number.format(f.required)} hồ sơ đúng hạn để giữ ≥ ${f.target} % (trong ${number.format(f.openPending)} hồ sơ đang trong hạn).`;
}

export function DashboardPage() {
  const [period, setPeriod] = useState('month');
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [updatedAt, setUpdatedAt] = useState(null);
  const [live, setLive] = useState('connecting');
  const latest = useRef(0);

  const load = useCallback(async () => {
    const call = (latest.current += 1);
    const today = localDay(new Date());
    const range = periodRange(period, today);
    const months = lastTwelveMonths(today);
    try {
      const [summary, departments, trend, forecast, atRisk] = await Promise.all([
        api('/metrics/summary', { query: range }),
        api('/metrics/on-time', { query: { ...range, groupBy: 'department' } }),
        api('/metrics/on-time', {
          query: { from: `${months[0].key}-01`, to: today, groupBy: 'month' },
        }),
        api('/metrics/forecast', { query: range }),
        api('/metrics/at-risk', { query: { limit: 20 } }),
      ]);
      if (call !== latest.current) {
        return; // a newer load has started: its answer wins
      }
      setData({ summary, departments, trend, forecast, atRisk, months });
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

  // Live updates: the stream says "changed", the page fetches the figures again.
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const token = session.value?.accessToken;
    if (!token || typeof window.EventSource !== 'function') {
      setLive('off');
      return undefined;
    }
    const source = new window.EventSource(
      `/api/v1/metrics/stream?access_token=${encodeURIComponent(token)}`,
    );
    source.onopen = () => setLive('on');
    source.onerror = () => setLive(source.readyState === 2 ? 'off' : 'connecting');
    source.onmessage = (event) => {
      try {
        if (JSON.parse(event.data).type === 'changed') {
          void loadRef.current();
        }
      } catch {
        // not ours: ignore
      }
    };
    return () => source.close();
  }, []);

  const kpis = new Map((data?.summary.kpis ?? []).map((k) => [k.code, k]));
  const ranked = [...(data?.departments.rows ?? [])].sort(
    (a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.total - a.total,
  );

  return html`<div class="page page--wide dashboard">
    <div class="dashboard__head">
      <h1>Bảng điều khiển</h1>
      <p class="dashboard__live muted" aria-live="polite" data-testid="updated-at">
        ${updatedAt ? `Cập nhật lúc ${clockTime(updatedAt)}` : 'Đang tải số liệu…'} ${' · '}
        ${live === 'on' ? 'Tự động cập nhật' : live === 'off' ? 'Không tự động cập nhật: tải lại trang để xem số liệu mới' : 'Đang kết nối cập nhật tự động…'}
      </p>
    </div>
    <fieldset class="period">
      <legend>Kỳ thống kê</legend>
      ${PERIODS.map(
        (p) =>
          html`<label class="period__option">
            <input
              type="radio"
              name="period"
              value=${p.id}
              checked=${period === p.id}
              onChange=${() => setPeriod(p.id)}
            />
            ${p.label}
          </label>`,
      )}
      ${data ? html`<span class="muted period__range">${formatDate(`${data.summary.from}T12:00:00+07:00`)} – ${formatDate(`${data.summary.to}T12:00:00+07:00`)}</span>` : null}
    </fieldset>
    ${error ? html`<p class="alert alert--error" role="alert">${error}</p>` : null}
    ${
      data
        ? html`
            <div class="kpis">
              ${CARD_CODES.map((code) => {
                const kpi = kpis.get(code);
                if (!kpi) {
                  return null;
                }
                const extra =
                  code === 'K1'
                    ? html`<p class="kpi__detail muted" data-testid="k1-open">
                        Đang giải quyết: ${number.format(data.departments.total.open)} hồ sơ
                        (${number.format(data.departments.total.openOverdue)} quá hạn)
                      </p>`
                    : null;
                return html`<${KpiCard}
                  kpi=${kpi}
                  testId=${`kpi-${code.toLowerCase()}`}
                  extra=${extra}
                />`;
              })}
            </div>
            <section class="card" aria-labelledby="forecast-title">
              <h2 id="forecast-title">Dự báo chỉ tiêu đúng hạn</h2>
              <p data-testid="forecast">${forecastSentence(data.forecast)}</p>
            </section>
            <div class="dashboard__grid">
              <section class="card" aria-labelledby="trend-heading">
                <h2 id="trend-heading">Tỷ lệ đúng hạn theo tháng</h2>
                <${TrendChart} months=${data.months} rows=${data.trend.rows} />
              </section>
              <section class="card list" aria-labelledby="departments-title">
                <h2 id="departments-title" class="list__title">
                  Xếp hạng phòng theo tỷ lệ đúng hạn
                </h2>
                ${
                  ranked.length === 0
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
                          ${ranked.map(
                            (r, i) =>
                              html`<tr>
                                <td>${i + 1}</td>
                                <td class="cell-main">${r.label}</td>
                                <td>${number.format(r.total)}</td>
                                <td>${number.format(r.late + r.openOverdue)}</td>
                                <td>${percent(r.rate)}</td>
                              </tr>`,
                          )}
                        </tbody>
                      </table>`
                }
              </section>
            </div>
            <section class="card list" aria-labelledby="at-risk-title">
              <h2 id="at-risk-title" class="list__title">Hồ sơ có nguy cơ trễ hạn</h2>
              ${
                data.atRisk.rows.length === 0
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
                        ${data.atRisk.rows.map((r) => {
                          const left = daysLeftLabel(r.workingDaysLeft);
                          return html`<tr data-code=${r.code}>
                            <td class="cell-main">
                              <${Link} href=${`/app/ho-so/${encodeURIComponent(r.code)}`}
                                >${r.code}<//
                              >
                            </td>
                            <td>${r.procedureName}</td>
                            <td>${r.departmentName}</td>
                            <td>${formatDate(r.dueAt)}</td>
                            <td><span class=${`badge ${left.className}`}>${left.text}</span></td>
                          </tr>`;
                        })}
                      </tbody>
                    </table>`
              }
            </section>
          `
        : null
    }
  </div>`;
}
