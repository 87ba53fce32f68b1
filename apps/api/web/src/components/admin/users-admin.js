// @ts-check
// Accounts: create, change role or division, lock or unlock, set a new password.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { api, errorMessage, fieldErrors } from '../../api.js';
import { ROLE_LABELS } from '../../format.js';
import { reasonText } from '../../reasons.js';
import { Alert, Field } from '../field.js';

/** @typedef {import('../../types.js').ApiObject} ApiObject */

const NEEDS_DIVISION = ['officer', 'head'];

const EMPTY = {
  username: '',
  fullName: '',
  email: '',
  role: 'officer',
  departmentId: '',
  password: '',
};

/** Field errors that disappear as soon as the field is edited. */
function useFieldErrors() {
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const clear = (name) => errors[name] && setErrors({ ...errors, [name]: '' });
  const fromApi = (e) => {
    /** @type {Record<string, string>} */
    const out = {};
    for (const [field, reason] of Object.entries(fieldErrors(e))) {
      out[field] = reasonText(reason);
    }
    setErrors(out);
  };
  return { errors, clear, fromApi, reset: () => setErrors({}) };
}

function DivisionSelect({ id, value, departments, onChange, ...rest }) {
  return html`<select
    id=${id}
    value=${value}
    onChange=${(e) => onChange(e.currentTarget.value)}
    ...${rest}
  >
    <option value="">— Không thuộc phòng —</option>
    ${departments.map((d) => html`<option value=${d.id}>${d.name}</option>`)}
  </select>`;
}

function RoleSelect({ id, value, onChange, ...rest }) {
  return html`<select
    id=${id}
    value=${value}
    onChange=${(e) => onChange(e.currentTarget.value)}
    ...${rest}
  >
    ${Object.entries(ROLE_LABELS).map(([k, v]) => html`<option value=${k}>${v}</option>`)}
  </select>`;
}

function CreateUser({ departments, onCreated }) {
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState('');
  const f = useFieldErrors();
  const set = (name, value) => {
    setForm({ ...form, [name]: value });
    f.clear(name);
  };
  const submit = async (event) => {
    event.preventDefault();
    try {
      const body = {
        ...form,
        email: form.email || undefined,
        departmentId: form.departmentId || undefined,
      };
      const user = await api('/users', { method: 'POST', body });
      setForm(EMPTY);
      f.reset();
      setError('');
      onCreated(user);
    } catch (e) {
      f.fromApi(e);
      setError(errorMessage(e));
    }
  };
  const input = (name, label, type = 'text', required = true) =>
    html`<${Field}
      id=${`new-user-${name}`}
      label=${label}
      required=${required}
      error=${f.errors[name]}
    >
      ${(p) => html`<input ...${p} type=${type} value=${form[name]} onInput=${(e) => set(name, e.currentTarget.value)} />`}
    <//>`;
  return html`<form class="card admin__form" onSubmit=${submit} aria-labelledby="new-user-title">
    <h3 id="new-user-title">Tạo tài khoản</h3>
    <${Alert}>${error}<//>
    <div class="admin__fields">
      ${input('username', 'Tên đăng nhập')} ${input('fullName', 'Họ và tên')}
      ${input('email', 'Email', 'email', false)}
      ${input('password', 'Mật khẩu ban đầu', 'password')}
      <${Field} id="new-user-role" label="Vai trò" required=${true} error=${f.errors.role}>
        ${(p) => html`<${RoleSelect} ...${p} value=${form.role} onChange=${(v) => set('role', v)} />`}
      <//>
      <${Field}
        id="new-user-departmentId"
        label="Phòng"
        required=${NEEDS_DIVISION.includes(form.role)}
        error=${f.errors.departmentId}
      >
        ${(p) => html`<${DivisionSelect} ...${p} value=${form.departmentId} departments=${departments} onChange=${(v) => set('departmentId', v)} />`}
      <//>
    </div>
    <button type="submit" class="button button--primary">Tạo tài khoản</button>
  </form>`;
}

function EditUser({ user, departments, onSaved, onCancel }) {
  const [role, setRole] = useState(user.role);
  const [departmentId, setDepartmentId] = useState(user.departmentId ?? '');
  const [active, setActive] = useState(user.active);
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const f = useFieldErrors();
  const save = async (event) => {
    event.preventDefault();
    /** @type {Record<string, unknown>} */
    const body = {};
    if (role !== user.role) {
      body.role = role;
    }
    if (departmentId !== (user.departmentId ?? '')) {
      body.departmentId = departmentId || null;
    }
    if (active !== user.active) {
      body.active = active;
    }
    if (password) {
      body.password = password;
    }
    try {
      onSaved(await api(`/users/${user.id}`, { method: 'PATCH', body }));
    } catch (e) {
      f.fromApi(e);
      setError(errorMessage(e));
    }
  };
  return html`<form
    class="admin__edit"
    onSubmit=${save}
    aria-label=${`Sửa tài khoản ${user.username}`}
  >
    <${Alert}>${error}<//>
    <div class="admin__fields">
      <${Field} id=${`role-${user.id}`} label="Vai trò" error=${f.errors.role}>
        ${(p) =>
          html`<${RoleSelect}
            ...${p}
            value=${role}
            onChange=${(v) => {
              setRole(v);
              f.clear('role');
            }}
          />`}
      <//>
      <${Field} id=${`division-${user.id}`} label="Phòng" error=${f.errors.departmentId}>
        ${(p) =>
          html`<${DivisionSelect}
            ...${p}
            value=${departmentId}
            departments=${departments}
            onChange=${(v) => {
              setDepartmentId(v);
              f.clear('departmentId');
            }}
          />`}
      <//>
      <${Field}
        id=${`password-${user.id}`}
        label="Đặt lại mật khẩu"
        error=${f.errors.password}
        hint="Để trống nếu không đổi"
      >
        ${(p) =>
          html`<input
            ...${p}
            type="password"
            autocomplete="new-password"
            value=${password}
            onInput=${(e) => {
              setPassword(e.currentTarget.value);
              f.clear('password');
            }}
          />`}
      <//>
      <label class="check"
        ><input
          type="checkbox"
          checked=${active}
          onChange=${(e) => setActive(e.currentTarget.checked)}
        />
        Đang hoạt động (bỏ chọn để khóa tài khoản)</label
      >
    </div>
    <button type="submit" class="button button--primary">Lưu</button>
    <button type="button" class="button button--secondary" onClick=${onCancel}>Hủy</button>
  </form>`;
}

export function UsersAdmin({ departments }) {
  const [users, setUsers] = useState(/** @type {ApiObject[] | null} */ (null));
  const [editing, setEditing] = useState(/** @type {string | null} */ (null));
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const load = async () => {
    try {
      setUsers(await api('/users'));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => void load(), []);
  const saved = (user) => {
    setEditing(null);
    setNotice(`Đã lưu tài khoản ${user.username}.`);
    void load();
  };
  return html`<section aria-labelledby="users-title">
    <h2 id="users-title">Người dùng</h2>
    <${Alert}>${error}<//>
    ${notice ? html`<${Alert} kind="success">${notice}<//>` : null}
    <${CreateUser}
      departments=${departments}
      onCreated=${(u) => {
        setNotice(`Đã tạo tài khoản ${u.username}.`);
        void load();
      }}
    />
    ${
      users
        ? html`<ul class="admin__list" data-testid="users">
            ${users.map(
              (u) =>
                html`<li key=${u.id} class="admin__row" data-username=${u.username}>
                  <div class="admin__summary">
                    <strong>${u.fullName}</strong>
                    <span class="code">${u.username}</span>
                    <span>${ROLE_LABELS[u.role] ?? u.role}</span>
                    <span
                      >${u.departmentId ? (names.get(u.departmentId) ?? '') : 'Không thuộc phòng'}</span
                    >
                    <span class=${u.active ? '' : 'risk--overdue badge'}
                      >${u.active ? 'Đang hoạt động' : 'Đã khóa'}</span
                    >
                    <button
                      type="button"
                      class="button button--secondary"
                      aria-expanded=${editing === u.id ? 'true' : 'false'}
                      aria-label=${`Sửa tài khoản ${u.username}`}
                      onClick=${() => setEditing(editing === u.id ? null : u.id)}
                    >
                      Sửa
                    </button>
                  </div>
                  ${
                    editing === u.id
                      ? html`<${EditUser}
                          user=${u}
                          departments=${departments}
                          onSaved=${saved}
                          onCancel=${() => setEditing(null)}
                        />`
                      : null
                  }
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">Đang tải…</p>`
    }
  </section>`;
}
