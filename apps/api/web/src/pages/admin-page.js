// @ts-check
// Administration (admin only): accounts, divisions, procedures and the holiday calendar.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, errorMessage } from '../api.js';
import { location, navigate } from '../router.js';
import { Alert } from '../components/field.js';
import { UsersAdmin } from '../components/admin/users-admin.js';
import { DepartmentsAdmin } from '../components/admin/departments-admin.js';
import { ProceduresAdmin } from '../components/admin/procedures-admin.js';
import { CalendarAdmin } from '../components/admin/calendar-admin.js';

const SECTIONS = {
  'nguoi-dung': 'Người dùng',
  phong: 'Phòng, đơn vị',
  'thu-tuc': 'Thủ tục',
  lich: 'Lịch nghỉ',
};

export function AdminPage() {
  const section = location.value.query.get('muc') ?? 'nguoi-dung';
  const [departments, setDepartments] = useState(
    /** @type {import('../types.js').ApiObject[]} */ ([]),
  );
  const [error, setError] = useState('');
  const loadDepartments = async () => {
    try {
      setDepartments(await api('/departments'));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => void loadDepartments(), []);
  return html`<div class="page">
    <h1>Quản trị</h1>
    <nav aria-label="Mục quản trị" class="admin__tabs">
      <ul>
        ${Object.entries(SECTIONS).map(
          ([key, label]) =>
            html`<li>
              <a
                href=${`/app/quan-tri?muc=${key}`}
                aria-current=${section === key ? 'page' : undefined}
                onClick=${(e) => {
                  e.preventDefault();
                  navigate(`/app/quan-tri?muc=${key}`);
                }}
                >${label}</a
              >
            </li>`,
        )}
      </ul>
    </nav>
    <${Alert}>${error}<//>
    ${section === 'nguoi-dung' ? html`<${UsersAdmin} departments=${departments} />` : null}
    ${section === 'phong' ? html`<${DepartmentsAdmin} departments=${departments} onChanged=${loadDepartments} />` : null}
    ${section === 'thu-tuc' ? html`<${ProceduresAdmin} departments=${departments} />` : null}
    ${section === 'lich' ? html`<${CalendarAdmin} />` : null}
  </div>`;
}
