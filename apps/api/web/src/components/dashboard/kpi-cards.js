// @ts-check
// The KPI cards (K1, K3–K6 from /metrics/summary) and the K1 forecast sentence.
import { html } from '../../html.js';
import { formatNumber, formatPercent } from '../../format.js';

const CARD_CODES = ['K1', 'K3', 'K4', 'K5', 'K6'];

// Status in words as well as colour: the colour alone says nothing to a screen reader.
const STATUS = {
  met: { label: 'Đạt', className: 'kpi--met' },
  at_risk: { label: 'Có nguy cơ', className: 'kpi--at-risk' },
  missed: { label: 'Chưa đạt', className: 'kpi--missed' },
  not_available: { label: 'Chưa có dữ liệu', className: 'kpi--na' },
  no_target: { label: 'Không có chỉ tiêu', className: 'kpi--na' },
};

function KpiCard({ kpi, testId, extra }) {
  const s = STATUS[kpi.status] ?? STATUS.not_available;
  // No data means no figure at all, not a misleading 0 %.
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
      ${available ? formatPercent(kpi.value) : 'Chưa có dữ liệu'}
    </p>
    <p class="kpi__target">
      Chỉ tiêu: ${kpi.target === null ? 'không có' : `≥ ${formatNumber(kpi.target)} %`}
    </p>
    ${
      available && kpi.denominator !== undefined
        ? html`<p class="kpi__detail muted">
            ${formatNumber(kpi.numerator)} / ${formatNumber(kpi.denominator)} hồ sơ
          </p>`
        : null
    }
    ${extra}
    <p class="kpi__status"><span class="badge kpi__badge">${s.label}</span></p>
  </section>`;
}

/** `openTotals`: the on-time report's total, whose open counts the K1 card adds. */
export function KpiCards({ kpis, openTotals }) {
  const byCode = new Map(kpis.map((k) => [k.code, k]));
  return html`<div class="kpis">
    ${CARD_CODES.map((code) => {
      const kpi = byCode.get(code);
      if (!kpi) {
        return null;
      }
      const extra =
        code === 'K1'
          ? html`<p class="kpi__detail muted" data-testid="k1-open">
              Đang giải quyết: ${formatNumber(openTotals.openOnTime + openTotals.openLate)} hồ sơ
              (${formatNumber(openTotals.openLate)} quá hạn)
            </p>`
          : null;
      return html`<${KpiCard} kpi=${kpi} testId=${`kpi-${code.toLowerCase()}`} extra=${extra} />`;
    })}
  </div>`;
}

function forecastSentence(f) {
  if (!f || f.total === 0) {
    return 'Chưa có hồ sơ trong kỳ này.';
  }
  if (!f.achievable) {
    return `Không thể giữ ≥ ${f.target} % trong kỳ này: cần ${formatNumber(f.required)} hồ sơ đúng hạn nhưng chỉ còn ${formatNumber(f.openPending)} hồ sơ đang trong hạn.`;
  }
  if (f.required === 0) {
    return `Đã đủ hồ sơ đúng hạn để giữ ≥ ${f.target} % trong kỳ này.`;
  }
  return `Cần thêm ${formatNumber(f.required)} hồ sơ đúng hạn để giữ ≥ ${f.target} % (trong ${formatNumber(f.openPending)} hồ sơ đang trong hạn).`;
}

export function ForecastCard({ forecast }) {
  return html`<section class="card" aria-labelledby="forecast-title">
    <h2 id="forecast-title">Dự báo chỉ tiêu đúng hạn</h2>
    <p data-testid="forecast">${forecastSentence(forecast)}</p>
  </section>`;
}
