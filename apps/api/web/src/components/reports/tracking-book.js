// @ts-check
// Sổ theo dõi hồ sơ (Mẫu 06) for the applications received between two days.
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { downloadFile } from '../../pdf.js';
import { Alert } from '../field.js';
import { XLSX } from './period-workbook.js';

export function TrackingBook({ today }) {
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const download = async (event) => {
    event.preventDefault();
    setBusy(true);
    const failed = await downloadFile(
      `/reports/tracking-book.xlsx?from=${from}&to=${to}`,
      `so-theo-doi-ho-so-${from}-${to}.xlsx`,
      XLSX,
    );
    setError(failed ? `Chưa tải được sổ theo dõi. ${failed}` : '');
    setBusy(false);
  };
  return html`<section class="card report" aria-labelledby="book-title">
    <h2 id="book-title">Sổ theo dõi hồ sơ (Mẫu 06)</h2>
    <form class="report__form" onSubmit=${download}>
      <div class="field">
        <label for="book-from">Tiếp nhận từ ngày</label>
        <input
          id="book-from"
          type="date"
          value=${from}
          onInput=${(e) => setFrom(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="book-to">Đến ngày</label>
        <input
          id="book-to"
          type="date"
          value=${to}
          onInput=${(e) => setTo(e.currentTarget.value)}
        />
      </div>
      <button type="submit" class="button button--primary" disabled=${busy}>Tải sổ theo dõi</button>
    </form>
    <${Alert}>${error}<//>
  </section>`;
}
