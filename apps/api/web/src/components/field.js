// @ts-check
import { html } from '../html.js';

/** A labelled input with its error message tied to it (aria-describedby), or a hint. */
export function Field({ id, label, required, error, hint, className = '', children }) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  return html`
    <div class=${`field ${error ? 'field--invalid' : ''} ${className}`}>
      <label for=${id}>
        ${label}${required ? html`<span class="required" aria-hidden="true"> *</span>` : null}
      </label>
      ${children({ id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy || undefined, required })}
      ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : null}
      ${error ? html`<p class="error-text" id=${`${id}-error`}>${error}</p>` : null}
    </div>
  `;
}

/** A message above a form or panel; assertive for errors so a screen reader says it at once. */
export function Alert({ kind = 'error', children }) {
  if (!children) {
    return null;
  }
  return html`<div class=${`alert alert--${kind}`} role=${kind === 'error' ? 'alert' : 'status'}>
    ${children}
  </div>`;
}
