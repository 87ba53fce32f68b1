// @ts-check
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, errorMessage } from '../api.js';
import { Link, location, navigate } from '../router.js';
import { homeFor, saveSession } from '../session.js';
import { Alert, Field } from '../components/field.js';

/** Only paths of this app are followed after login (no open redirect). */
function safeNext(value) {
  return value && /^\/app\/[\w\-/?=&%.]*$/.test(value) && !value.startsWith('/app/dang-nhap')
    ? value
    : null;
}

export function LoginPage() {
  const query = location.value.query;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef(/** @type {HTMLInputElement | null} */ (null));
  useEffect(() => {
    document.title = 'Đăng nhập — Một cửa';
    first.current?.focus();
  }, []);

  const onSubmit = async (event) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError('Nhập tên đăng nhập và mật khẩu.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const result = await api('/auth/login', {
        method: 'POST',
        body: { username: username.trim(), password },
        auth: false,
      });
      saveSession(result);
      navigate(safeNext(query.get('sau')) ?? homeFor(result.user.role), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return html`
    <div class="page page--login">
      <form class="card login" onSubmit=${onSubmit} novalidate>
        <h1>Đăng nhập</h1>
        <p class="muted">Dành cho cán bộ bộ phận một cửa và các phòng chuyên môn.</p>
        ${
          query.get('het-han')
            ? html`<${Alert} kind="info">Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.<//>`
            : null
        }
        <${Alert}>${error}<//>
        <${Field} id="username" label="Tên đăng nhập">
          ${(a) => html`<input ...${a} ref=${first} type="text" autocomplete="username" autocapitalize="none" spellcheck="false" value=${username} onInput=${(e) => setUsername(e.currentTarget.value)} />`}
        <//>
        <${Field} id="password" label="Mật khẩu">
          ${(a) => html`<input ...${a} type="password" autocomplete="current-password" value=${password} onInput=${(e) => setPassword(e.currentTarget.value)} />`}
        <//>
        <button type="submit" class="button button--primary button--block" disabled=${busy}>
          ${busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
        <p class="login__public">
          Công dân tra cứu hồ sơ: <${Link} href="/app/tra-cuu">Tra cứu tình trạng hồ sơ<//>
        </p>
      </form>
    </div>
  `;
}
