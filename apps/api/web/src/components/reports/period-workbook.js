// @ts-check
// The periodic report workbooks: month, quarter, half-year, nine months or year, by the calendar
// or by the administrative reporting period (the 15th to the 14th).
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { downloadFile } from '../../pdf.js';
import { Alert } from '../field.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const KINDS = {
  month: { label: 'Tháng', count: 12 },
  quarter: { label: 'Quý', count: 4 },
  half: { label: '6 tháng', count: 2 },
  'nine-months': { label: '9 tháng', count: 1 },
  year: { label: 'Năm', count: 1 },
};

const NUMBER_LABEL = { month: 'Tháng', quarter: 'Quý', half: 'Nửa năm' };

export function PeriodWorkbook({ today }) {
  const [kind, setKind] = useState('quarter');
  const [type, setType] = useState('calendar');
  const [year, setYear] = useState(String(Number(today.slice(0, 4))));
  const [n, setN] = useState('1');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const count = KINDS[kind].count;

  const download = async (event) => {
    event.preventDefault();
    setBusy(true);
    const number = count > 1 ? n : '1';
    const failed = await downloadFile(
      `/reports/${kind}.xlsx?year=${year}&n=${number}&periodType=${type}`,
      `bao-cao-${kind}-${number}-${year}-${type === 'calendar' ? 'lich' : 'ky-bao-cao'}.xlsx`,
      XLSX,
    );
    setError(failed ? `Chưa tải được báo cáo. ${failed}` : '');
    setBusy(false);
  };

  return html`<section class="card report" aria-labelledby="period-title">
    <h2 id="period-title">Báo cáo định kỳ (Excel)</h2>
    <form class="report__form" onSubmit=${download}>
      <div class="field">
        <label for="report-kind">Loại kỳ</label>
        <select id="report-kind" value=${kind} onChange=${(e) => setKind(e.currentTarget.value)}>
          ${Object.entries(KINDS).map(([k, v]) => html`<option value=${k}>${v.label}</option>`)}
        </select>
      </div>
      ${
        count > 1
          ? html`<div class="field">
              <label for="report-n">${NUMBER_LABEL[kind]}</label>
              <select id="report-n" value=${n} onChange=${(e) => setN(e.currentTarget.value)}>
                ${Array.from({ length: count }, (_, i) => html`<option value=${String(i + 1)}>${i + 1}</option>`)}
              </select>
            </div>`
          : null
      }
      <div class="field">
        <label for="report-year">Năm</label>
        <input
          id="report-year"
          type="number"
          min="2000"
          max="2100"
          value=${year}
          onInput=${(e) => setYear(e.currentTarget.value)}
        />
      </div>
      <fieldset class="report__type">
        <legend>Cách tính kỳ</legend>
        <label
          ><input
            type="radio"
            name="period-type"
            value="calendar"
            checked=${type === 'calendar'}
            onChange=${() => setType('calendar')}
          />
          Theo lịch (ngày 1 đến cuối kỳ)</label
        >
        <label
          ><input
            type="radio"
            name="period-type"
            value="administrative"
            checked=${type === 'administrative'}
            onChange=${() => setType('administrative')}
          />
          Kỳ báo cáo (ngày 15 đến ngày 14)</label
        >
      </fieldset>
      <button type="submit" class="button button--primary" disabled=${busy}>Tải báo cáo</button>
    </form>
    <${Alert}>${error}<//>
  </section>`;
}
