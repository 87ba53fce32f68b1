// @ts-check
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { apiBlob, errorMessage } from '../api.js';
import { CHANNEL_LABELS, formatDateTime, timeLimitLabel } from '../format.js';
import { Alert } from '../components/field.js';
import { IntakeForm } from './intake-form.js';
import { GuidanceSummary } from '../components/intake/guidance-summary.js';

/** @typedef {import('../types.js').ApiObject} ApiObject */

/** Opens the receipt PDF (behind the token, so fetched, then shown from a blob URL). */
async function openReceipt(application, setError) {
  setError('');
  // Opened now, inside the click, so that no pop-up blocker stops it; filled when the PDF arrives.
  const tab = window.open('', '_blank');
  try {
    const pdf = await apiBlob(
      `/applications/${encodeURIComponent(application.code)}/documents/receipt.pdf`,
    );
    const url = URL.createObjectURL(pdf);
    if (tab) {
      tab.location.href = url;
    } else {
      window.location.assign(url);
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    setError(`Chưa in được phiếu hẹn. ${errorMessage(error)}`);
  }
}

function ReceiptSummary({ application, onNext }) {
  const [printError, setPrintError] = useState('');
  const printButton = useRef(/** @type {HTMLButtonElement | null} */ (null));
  useEffect(() => printButton.current?.focus(), []);
  return html`
    <section class="card receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title">Đã tiếp nhận hồ sơ</h2>
      <dl class="facts">
        <div class="facts__row facts__row--key">
          <dt>Mã hồ sơ</dt>
          <dd class="code" data-testid="receipt-code">${application.code}</dd>
        </div>
        <div class="facts__row facts__row--key">
          <dt>Ngày hẹn trả kết quả</dt>
          <dd data-testid="receipt-due">${formatDateTime(application.dueAt)}</dd>
        </div>
        <div class="facts__row">
          <dt>Thủ tục</dt>
          <dd>${application.procedure.name}</dd>
        </div>
        <div class="facts__row">
          <dt>Thời hạn giải quyết</dt>
          <dd>${timeLimitLabel(application.procedure.timeLimit)}</dd>
        </div>
        <div class="facts__row">
          <dt>Người nộp</dt>
          <dd>${application.applicant.fullName}</dd>
        </div>
        <div class="facts__row">
          <dt>Ngày tiếp nhận</dt>
          <dd>${formatDateTime(application.receivedAt)}</dd>
        </div>
        <div class="facts__row">
          <dt>Hình thức nộp</dt>
          <dd>${CHANNEL_LABELS[application.channel] ?? application.channel}</dd>
        </div>
        <div class="facts__row">
          <dt>Trạng thái</dt>
          <dd>${application.statusLabel}</dd>
        </div>
        ${
          application.receivedDocuments?.length
            ? html`<div class="facts__row">
                <dt>Thành phần hồ sơ</dt>
                <dd data-testid="receipt-documents">
                  ${application.receivedDocuments.length} giấy tờ theo quy định
                </dd>
              </div>`
            : null
        }
      </dl>
      <${Alert}>${printError}<//>
      <div class="actions">
        <button
          type="button"
          ref=${printButton}
          class="button button--primary"
          onClick=${() => openReceipt(application, setPrintError)}
        >
          In phiếu hẹn
        </button>
        <button type="button" class="button button--secondary" onClick=${onNext}>
          Tiếp nhận hồ sơ mới
        </button>
      </div>
    </section>
  `;
}

/** The reception desk: log an application, then print its receipt. */
export function DeskPage() {
  const [logged, setLogged] = useState(/** @type {ApiObject | null} */ (null));
  const [round, setRound] = useState(0);
  useEffect(() => {
    document.title = 'Tiếp nhận hồ sơ — Một cửa';
  }, []);
  const next = () => {
    setLogged(null);
    setRound(round + 1);
  };
  return html`
    <div class="page page--narrow">
      <h1>Tiếp nhận hồ sơ</h1>
      ${
        logged?.status === 'incomplete_at_desk'
          ? html`<${GuidanceSummary} application=${logged} onNext=${next} />`
          : logged
            ? html`<${ReceiptSummary} application=${logged} onNext=${next} />`
            : html`<${IntakeForm} key=${round} onLogged=${setLogged} />`
      }
    </div>
  `;
}
