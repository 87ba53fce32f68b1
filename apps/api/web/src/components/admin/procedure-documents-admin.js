// @ts-check
// A procedure's required documents (thành phần hồ sơ): what the desk's checklist shows. The
// whole list is saved at once (PUT); the order on screen is the order at the desk. A document
// that applications received cannot be removed, only set aside ("Đang áp dụng" unticked).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api, errorMessage, fieldErrors } from '../../api.js';
import { localizeFields, reasonText } from '../../reasons.js';
import { Alert, Field } from '../field.js';

const FORMS = { original: 'Bản chính', copy: 'Bản sao' };

let nextKey = 0;
/** @param {import('../../types.js').ApiObject} d */
const toRow = (d) => ({
  key: `k${(nextKey += 1)}`,
  id: d.id,
  name: d.name,
  form: d.form,
  copies: String(d.copies),
  active: d.active,
});

export function ProcedureDocumentsAdmin({ code }) {
  const [rows, setRows] = useState(/** @type {ReturnType<typeof toRow>[] | null} */ (null));
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const url = `/procedures/${encodeURIComponent(code)}/documents`;

  useEffect(() => {
    api(url).then(
      (docs) => setRows(docs.map(toRow)),
      (e) => setError(errorMessage(e)),
    );
  }, [code]);

  if (!rows) {
    return html`<${Alert}>${error}<//>${error ? null : html`<p class="muted">Đang tải…</p>`}`;
  }
  const update = (i, patch) => {
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    const keys = Object.keys(patch).map((k) => `documents[${i}].${k}`);
    if (keys.some((k) => errors[k])) {
      setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => !keys.includes(k))));
    }
  };
  const move = (i, by) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row);
    setRows(next);
    setErrors({});
  };

  const save = async (event) => {
    event.preventDefault();
    setBusy(true);
    setNotice('');
    try {
      const body = {
        documents: rows.map((r) => ({
          ...(r.id ? { id: r.id } : {}),
          name: r.name,
          form: r.form,
          copies: Number(r.copies),
          active: r.active,
        })),
      };
      const saved = await api(url, { method: 'PUT', body });
      setRows(saved.map(toRow));
      setErrors({});
      setError('');
      setNotice(`Đã lưu thành phần hồ sơ của thủ tục ${code}.`);
    } catch (e) {
      const byField = localizeFields(fieldErrors(e));
      setErrors(byField);
      // A refusal about the whole list (a received document removed) has no field of its own.
      setError(byField.documents ? reasonText(fieldErrors(e).documents) : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return html`<form
    class="admin__edit proc-docs"
    onSubmit=${save}
    aria-label=${`Thành phần hồ sơ của thủ tục ${code}`}
    novalidate
  >
    <h3>Thành phần hồ sơ</h3>
    <${Alert}>${error}<//>
    ${notice ? html`<${Alert} kind="success">${notice}<//>` : null}
    ${rows.length === 0 ? html`<p class="muted">Thủ tục chưa có danh mục giấy tờ.</p>` : null}
    <ol class="proc-docs__list">
      ${rows.map(
        (r, i) =>
          html`<li class="proc-docs__row" key=${r.key}>
            <${Field}
              id=${`doc-${code}-${i}-name`}
              label=${`Giấy tờ ${i + 1}`}
              error=${errors[`documents[${i}].name`]}
              className="proc-docs__name"
            >
              ${(a) =>
                html`<input
                  ...${a}
                  value=${r.name}
                  onInput=${(e) => update(i, { name: e.currentTarget.value })}
                />`}
            <//>
            <${Field}
              id=${`doc-${code}-${i}-form`}
              label=${html`Hình thức<span class="visually-hidden"> – giấy tờ ${i + 1}</span>`}
              error=${errors[`documents[${i}].form`]}
            >
              ${(a) =>
                html`<select
                  ...${a}
                  value=${r.form}
                  onChange=${(e) => update(i, { form: e.currentTarget.value })}
                >
                  ${Object.entries(FORMS).map(([v, l]) => html`<option value=${v}>${l}</option>`)}
                </select>`}
            <//>
            <${Field}
              id=${`doc-${code}-${i}-copies`}
              label=${html`Số bản<span class="visually-hidden"> – giấy tờ ${i + 1}</span>`}
              error=${errors[`documents[${i}].copies`]}
              className="proc-docs__copies"
            >
              ${(a) =>
                html`<input
                  ...${a}
                  type="number"
                  min="1"
                  max="99"
                  value=${r.copies}
                  onInput=${(e) => update(i, { copies: e.currentTarget.value })}
                />`}
            <//>
            <div class="proc-docs__tools">
              <label class="check">
                <input
                  type="checkbox"
                  checked=${r.active}
                  onChange=${(e) => update(i, { active: e.currentTarget.checked })}
                />
                Đang áp dụng<span class="visually-hidden"> – giấy tờ ${i + 1}</span>
              </label>
              <button
                type="button"
                class="button button--ghost"
                disabled=${i === 0}
                onClick=${() => move(i, -1)}
              >
                Lên<span class="visually-hidden"> – giấy tờ ${i + 1}</span>
              </button>
              <button
                type="button"
                class="button button--ghost"
                disabled=${i === rows.length - 1}
                onClick=${() => move(i, 1)}
              >
                Xuống<span class="visually-hidden"> – giấy tờ ${i + 1}</span>
              </button>
              <button
                type="button"
                class="button button--ghost"
                onClick=${() => {
                  setRows(rows.filter((_, j) => j !== i));
                  setErrors({});
                }}
              >
                Xoá<span class="visually-hidden"> giấy tờ ${i + 1}</span>
              </button>
            </div>
          </li>`,
      )}
    </ol>
    <div class="admin__actions">
      <button
        type="button"
        class="button button--secondary"
        onClick=${() =>
          setRows([
            ...rows,
            toRow({ id: undefined, name: '', form: 'copy', copies: 1, active: true }),
          ])}
      >
        + Thêm giấy tờ
      </button>
      <button type="submit" class="button button--primary" disabled=${busy}>
        Lưu thành phần hồ sơ
      </button>
    </div>
  </form>`;
}
