import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, ApiError, errorMessage, fieldErrors } from '../api.js';
import { saveSession } from '../session.js';
import { Alert, Field } from '../components/field.js';

/** The API's reasons (English, in details[].reason) as the person reads them. */
function reasonText(reason) {
  if (!reason) {
    return '';
  }
  const min =
    /at least (\d+) characters/.exec(reason) ?? /longer than or equal to (\d+)/.exec(reason);
  if (min) {
    return `Mật khẩu mới phải có ít nhất ${min[1]} ký tự.`;
  }
  if (/bytes/.test(reason)) {
    return 'Mật khẩu quá dài.';
  }
  if (/too common/.test(reason)) {
    return 'Mật khẩu này quá phổ biến hoặc quá dễ đoán; hãy chọn một cụm từ riêng của bạn.';
  }
  if (/username/.test(reason)) {
    return 'Mật khẩu không được chứa tên đăng nhập.';
  }
  if (/differ/.test(reason)) {
    return 'Mật khẩu mới phải khác mật khẩu hiện tại.';
  }
  if (/current password/.test(reason)) {
    return 'Mật khẩu hiện tại không đúng.';
  }
  return 'Giá trị chưa hợp lệ.';
}

/** "Đổi mật khẩu": every logged-in user changes their own password. */
export function ChangePasswordPage() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const first = useRef(null);
  useEffect(() => {
    document.title = 'Đổi mật khẩu — Một cửa';
    first.current?.focus();
  }, []);

  const onSubmit = async (event) => {
    event.preventDefault();
    setDone(false);
    setMessage('');
    const local = {};
    if (!current) {
      local.currentPassword = 'Nhập mật khẩu hiện tại.';
    }
    if (!next) {
      local.newPassword = 'Nhập mật khẩu mới.';
    } else if (next !== confirm) {
      local.confirm = 'Hai lần nhập mật khẩu mới không khớp.';
    }
    setErrors(local);
    if (Object.keys(local).length > 0) {
      return;
    }
    setBusy(true);
    try {
      const result = await api('/auth/password', {
        method: 'POST',
        body: { currentPassword: current, newPassword: next },
      });
      // The other sessions of this account have ended; this one continues with new tokens.
      saveSession(result);
      setCurrent('');
      setNext('');
      setConfirm('');
      setErrors({});
      setDone(true);
    } catch (error) {
      const fields = fieldErrors(error);
      const shown = {};
      for (const name of ['currentPassword', 'newPassword']) {
        if (fields[name]) {
          shown[name] = reasonText(fields[name]);
        }
      }
      setErrors(shown);
      if (Object.keys(shown).length === 0 || !(error instanceof ApiError)) {
        setMessage(errorMessage(error));
      }
    } finally {
      setBusy(false);
    }
  };

  return html`
    <div class="page page--narrow">
      <form class="card" onSubmit=${onSubmit} novalidate>
        <h1>Đổi mật khẩu</h1>
        <p class="muted">
          Mật khẩu mới cần ít nhất 12 ký tự, không phải mật khẩu phổ biến. Nên dùng một cụm từ dễ
          nhớ với bạn. Sau khi đổi, các phiên đăng nhập khác của tài khoản sẽ bị đăng xuất.
        </p>
        ${done ? html`<${Alert} kind="success">Đã đổi mật khẩu.<//>` : null}
        <${Alert}>${message}<//>
        <${Field}
          id="currentPassword"
          label="Mật khẩu hiện tại"
          required
          error=${errors.currentPassword}
        >
          ${(a) => html`<input ...${a} ref=${first} type="password" autocomplete="current-password" value=${current} onInput=${(e) => setCurrent(e.currentTarget.value)} />`}
        <//>
        <${Field} id="newPassword" label="Mật khẩu mới" required error=${errors.newPassword}>
          ${(a) => html`<input ...${a} type="password" autocomplete="new-password" value=${next} onInput=${(e) => setNext(e.currentTarget.value)} />`}
        <//>
        <${Field} id="confirm" label="Nhập lại mật khẩu mới" required error=${errors.confirm}>
          ${(a) => html`<input ...${a} type="password" autocomplete="new-password" value=${confirm} onInput=${(e) => setConfirm(e.currentTarget.value)} />`}
        <//>
        <button type="submit" class="button button--primary" disabled=${busy}>
          ${busy ? 'Đang lưu…' : 'Đổi mật khẩu'}
        </button>
      </form>
    </div>
  `;
}
