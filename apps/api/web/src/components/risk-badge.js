// @ts-check
import { html } from '../html.js';
import { deadlineRisk } from '../working-days.js';

/** Deadline risk in words and colour: overdue red, due within a working day amber. */
export function RiskBadge({ application, isWorkingDay, placeholder = true }) {
  const risk = deadlineRisk(application, isWorkingDay);
  if (!risk) {
    // Finished or not yet received: no deadline to watch.
    return placeholder ? html`<span class="muted" aria-label="Không áp dụng">—</span>` : null;
  }
  return html`<span class=${`badge risk risk--${risk.level}`}>${risk.label}</span>`;
}
