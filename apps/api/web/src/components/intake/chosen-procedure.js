// @ts-check
// Under the procedure field: its time limit and the appointment the receipt would give now.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api } from '../../api.js';
import { formatDateTime, timeLimitLabel } from '../../format.js';

/** @typedef {import('../../types.js').ApiObject} ApiObject */

/** id="procedure-chosen": the procedure field points at it with aria-describedby. */
export function ChosenProcedure({ procedure }) {
  const [duePreview, setDuePreview] = useState(/** @type {ApiObject | null} */ (null));

  // What the receipt will say if logged now (the API computes it again on save). A preview
  // that fails to load is left out: it is a hint, not something to block the desk on.
  useEffect(() => {
    setDuePreview(null);
    let stale = false;
    api('/calendar/due-date', {
      query: {
        receivedAt: new Date().toISOString(),
        value: procedure.timeLimit.value,
        unit: procedure.timeLimit.unit,
      },
    })
      .then(({ dueAt }) => !stale && setDuePreview(dueAt))
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [procedure]);

  return html`<p class="chosen" id="procedure-chosen">
    <span class="chosen__code">${procedure.code}</span>
    <span>Thời hạn giải quyết: <strong>${timeLimitLabel(procedure.timeLimit)}</strong></span>
    ${
      duePreview
        ? html`<span>Hẹn trả dự kiến: <strong>${formatDateTime(duePreview)}</strong></span>`
        : null
    }
  </p>`;
}
