// @ts-check
// The optional list of documents handed in: a name and a number of copies per row.
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../../html.js';
import { Field } from '../field.js';
import { fieldId } from './intake-request.js';

export function DocumentsFieldset({ documents, errors, onChange, legend = 'Thành phần hồ sơ' }) {
  // The row just added gets the focus once rendered, so typing can go on from the keyboard.
  const focusRow = useRef(/** @type {number | null} */ (null));
  useEffect(() => {
    if (focusRow.current !== null) {
      document.getElementById(fieldId(`documents[${focusRow.current}].name`))?.focus();
      focusRow.current = null;
    }
  }, [documents.length]);

  const setDocument = (index, key, value) =>
    onChange(documents.map((d, i) => (i === index ? { ...d, [key]: value } : d)));
  const addDocument = () => {
    focusRow.current = documents.length;
    onChange([...documents, { name: '', copies: 1 }]);
  };
  const removeDocument = (index) => onChange(documents.filter((_, i) => i !== index));

  return html`<fieldset class="group">
    <legend>${legend} <span class="muted">(không bắt buộc)</span></legend>
    ${documents.map(
      (d, i) =>
        html`<div class="doc-row">
          <${Field}
            id=${fieldId(`documents[${i}].name`)}
            label=${`Giấy tờ ${i + 1}`}
            error=${errors[`documents[${i}].name`]}
            className="doc-row__name"
          >
            ${(a) =>
              html`<input
                ...${a}
                type="text"
                value=${d.name}
                onInput=${(e) => setDocument(i, 'name', e.currentTarget.value)}
              />`}
          <//>
          <${Field}
            id=${fieldId(`documents[${i}].copies`)}
            label="Số bản"
            error=${errors[`documents[${i}].copies`]}
            className="doc-row__copies"
          >
            ${(a) =>
              html`<input
                ...${a}
                type="number"
                min="1"
                max="100"
                value=${d.copies}
                onInput=${(e) => setDocument(i, 'copies', e.currentTarget.value)}
              />`}
          <//>
          <button
            type="button"
            class="button button--ghost doc-row__remove"
            onClick=${() => removeDocument(i)}
          >
            Xoá<span class="visually-hidden"> giấy tờ ${i + 1}</span>
          </button>
        </div>`,
    )}
    <button type="button" class="button button--secondary" onClick=${addDocument}>
      + Thêm giấy tờ
    </button>
  </fieldset>`;
}
