// @ts-check
// Divisions: the list, a new one, a new name.
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api, errorMessage, fieldErrors } from '../../api.js';
import { reasonText } from '../../reasons.js';
import { Alert, Field } from '../field.js';

const EMPTY = { code: '', name: '', agencyCode: '' };

function Rename({ department, onSaved }) {
  const [name, setName] = useState(department.name);
  const [error, setError] = useState('');
  const save = async (event) => {
    event.preventDefault();
    try {
      onSaved(
        await api(`/departments/${department.id}`, {
          method: 'PATCH',
          body: { name, version: department.version },
        }),
      );
      setError('');
    } catch (e) {
      setError(reasonText(fieldErrors(e).name) || errorMessage(e));
    }
  };
  return html`<form class="admin__inline" onSubmit=${save}>
    <${Field}
      id=${`dept-name-${department.id}`}
      label=${`Tên phòng (${department.code})`}
      error=${error}
    >
      ${(p) =>
        html`<input
          ...${p}
          value=${name}
          onInput=${(e) => {
            setName(e.currentTarget.value);
            setError('');
          }}
        />`}
    <//>
    <button type="submit" class="button button--secondary" disabled=${name === department.name}>
      Đổi tên
    </button>
  </form>`;
}

export function DepartmentsAdmin({ departments, onChanged }) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const set = (name, value) => {
    setForm({ ...form, [name]: value });
    setErrors({ ...errors, [name]: '' });
  };
  const create = async (event) => {
    event.preventDefault();
    try {
      const created = await api('/departments', { method: 'POST', body: form });
      setForm(EMPTY);
      setErrors({});
      setError('');
      setNotice(`Đã thêm ${created.name}.`);
      onChanged();
    } catch (e) {
      /** @type {Record<string, string>} */
      const out = {};
      for (const [field, reason] of Object.entries(fieldErrors(e))) {
        out[field] = reasonText(reason);
      }
      setErrors(out);
      setError(errorMessage(e));
    }
  };
  const input = (name, label, hint) =>
    html`<${Field}
      id=${`new-dept-${name}`}
      label=${label}
      required=${true}
      error=${errors[name]}
      hint=${hint}
    >
      ${(p) => html`<input ...${p} value=${form[name]} onInput=${(e) => set(name, e.currentTarget.value)} />`}
    <//>`;
  return html`<section aria-labelledby="departments-title">
    <h2 id="departments-title">Phòng, đơn vị</h2>
    ${notice ? html`<${Alert} kind="success">${notice}<//>` : null}
    <form class="card admin__form" onSubmit=${create} aria-labelledby="new-dept-title">
      <h3 id="new-dept-title">Thêm phòng</h3>
      <${Alert}>${error}<//>
      <div class="admin__fields">
        ${input('code', 'Mã phòng', 'Chữ in hoa, ví dụ GDTRH')} ${input('name', 'Tên phòng')}
        ${input('agencyCode', 'Mã cơ quan', 'Ví dụ 000.00.12.H00')}
      </div>
      <button type="submit" class="button button--primary">Thêm phòng</button>
    </form>
    <ul class="admin__list">
      ${departments.map(
        (d) =>
          html`<li key=${d.id} class="admin__row">
            <${Rename}
              department=${d}
              onSaved=${() => {
                setNotice('Đã đổi tên phòng.');
                onChanged();
              }}
            />
          </li>`,
      )}
    </ul>
  </section>`;
}
