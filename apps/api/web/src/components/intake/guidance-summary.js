// @ts-check
// After a short checklist: the dossier is not received; the applicant takes Mẫu 02 (Phiếu yêu
// cầu bổ sung, hoàn thiện hồ sơ), which names what to bring. The API's incomplete-at-desk path.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { Alert } from '../field.js';
import { openPdf } from '../../pdf.js';

/** The guidance given: its code, what is missing, and the print button. */
export function GuidanceSummary({ application, onNext }) {
  const [printError, setPrintError] = useState('');
  const printButton = useRef(/** @type {HTMLButtonElement | null} */ (null));
  useEffect(() => printButton.current?.focus(), []);
  // The intake form adds what it asked for (the intake answer carries no history).
  const items = application.missingItems;
  return html`<section class="card receipt" aria-labelledby="guidance-title">
    <h2 id="guidance-title">Hồ sơ chưa đủ: đã lập phiếu yêu cầu bổ sung</h2>
    <p>
      Hồ sơ chưa được tiếp nhận. In Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02) giao người nộp;
      khi nộp đủ, tiếp nhận hồ sơ này từ danh sách hồ sơ.
    </p>
    <dl class="facts">
      <div class="facts__row facts__row--key">
        <dt>Mã hồ sơ</dt>
        <dd class="code" data-testid="guidance-code">${application.code}</dd>
      </div>
      <div class="facts__row">
        <dt>Thủ tục</dt>
        <dd>${application.procedure.name}</dd>
      </div>
      <div class="facts__row">
        <dt>Người nộp</dt>
        <dd>${application.applicant.fullName}</dd>
      </div>
      <div class="facts__row">
        <dt>Trạng thái</dt>
        <dd>${application.statusLabel}</dd>
      </div>
      ${
        Array.isArray(items) && items.length
          ? html`<div class="facts__row">
              <dt>Cần bổ sung</dt>
              <dd data-testid="guidance-items">${items.join('; ')}</dd>
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
        onClick=${async () => {
          setPrintError('');
          const failed = await openPdf(
            `/applications/${encodeURIComponent(application.code)}/documents/supplement-request.pdf`,
          );
          setPrintError(failed ? `Chưa in được phiếu. ${failed}` : '');
        }}
      >
        In phiếu yêu cầu bổ sung (Mẫu 02)
      </button>
      <button type="button" class="button button--secondary" onClick=${onNext}>
        Tiếp nhận hồ sơ mới
      </button>
    </div>
  </section>`;
}
