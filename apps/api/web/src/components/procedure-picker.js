// @ts-check
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api } from '../api.js';
import { timeLimitLabel } from '../format.js';

/** @typedef {import('../types.js').ApiObject} ApiObject */

const LIST_ID = 'procedure-options';

/**
 * Search as you type (code or name, accents optional), ArrowUp/ArrowDown to move, Enter to
 * pick, Escape to close: the ARIA 1.2 combobox pattern with a listbox popup.
 */
export function ProcedurePicker({ id, value, onChange, inputRef, error, describedBy }) {
  const [text, setText] = useState(value ? value.name : '');
  const [options, setOptions] = useState(/** @type {ApiObject[]} */ ([]));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const request = useRef(0);
  const timer = useRef(/** @type {number | undefined} */ (undefined));
  useEffect(() => () => clearTimeout(timer.current), []);

  // Answers may arrive out of order: only the latest query's answer is shown.
  const search = (q, highlight = -1) => {
    clearTimeout(timer.current);
    const ticket = ++request.current;
    setLoading(true);
    setFailed(false);
    api('/procedures', { query: { q: q.trim() || undefined, limit: 8 } })
      .then((rows) => {
        if (ticket === request.current) {
          setOptions(rows);
          setActive(rows.length ? highlight : -1);
          setOpen(true);
        }
      })
      .catch(() => ticket === request.current && setFailed(true))
      .finally(() => ticket === request.current && setLoading(false));
  };

  const onInput = (event) => {
    const next = event.currentTarget.value;
    setText(next);
    if (value) {
      onChange(null);
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => search(next), 120);
  };

  const pick = (procedure) => {
    setText(procedure.name);
    setOpen(false);
    setActive(-1);
    onChange(procedure);
  };

  const onKeyDown = (event) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) {
          // Typed faster than the search: search now and highlight the first answer.
          search(text, 0);
          return;
        }
        setActive(options.length ? (active + 1) % options.length : -1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (open && options.length) {
          setActive(active <= 0 ? options.length - 1 : active - 1);
        }
        return;
      case 'Enter':
        // Enter picks (the highlighted option, else the first); it submits only once picked.
        if (open && options.length) {
          event.preventDefault();
          pick(options[active >= 0 ? active : 0]);
        } else if (!value) {
          event.preventDefault();
        }
        return;
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
        }
        return;
      default:
    }
  };

  const expanded = open && (options.length > 0 || !loading);
  return html`
    <div class="combobox">
      <input
        id=${id}
        ref=${inputRef}
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-expanded=${expanded ? 'true' : 'false'}
        aria-controls=${LIST_ID}
        aria-activedescendant=${open && active >= 0 ? `${LIST_ID}-${active}` : undefined}
        aria-invalid=${error ? 'true' : undefined}
        aria-describedby=${describedBy}
        aria-required="true"
        placeholder="Gõ mã hoặc tên thủ tục, ví dụ: cấp bản sao văn bằng"
        value=${text}
        onInput=${onInput}
        onKeyDown=${onKeyDown}
        onBlur=${() => setOpen(false)}
      />
      <ul
        id=${LIST_ID}
        role="listbox"
        aria-label="Thủ tục"
        class="combobox__list"
        hidden=${!expanded}
      >
        ${options.map(
          (p, i) =>
            html`<li
              id=${`${LIST_ID}-${i}`}
              role="option"
              aria-selected=${i === active ? 'true' : 'false'}
              class=${`combobox__option ${i === active ? 'is-active' : ''}`}
              onMouseDown=${(event) => event.preventDefault()}
              onClick=${() => pick(p)}
            >
              <span class="option__name">${p.name}</span>
              <span class="option__meta">${p.code} · ${timeLimitLabel(p.timeLimit)}</span>
            </li>`,
        )}
        ${
          expanded && options.length === 0
            ? html`<li class="combobox__empty" role="presentation">
                Không tìm thấy thủ tục phù hợp.
              </li>`
            : null
        }
      </ul>
      <p class="visually-hidden" aria-live="polite">
        ${
          failed
            ? 'Không tải được danh sách thủ tục.'
            : open
              ? `${options.length} thủ tục phù hợp. Dùng phím mũi tên để chọn, Enter để xác nhận.`
              : ''
        }
      </p>
      ${failed ? html`<p class="error-text">Không tải được danh sách thủ tục. Vui lòng thử lại.</p>` : null}
    </div>
  `;
}
