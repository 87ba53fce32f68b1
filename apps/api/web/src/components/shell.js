import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { Link, location, navigate } from '../router.js';
import { canReceive, canSeeDashboard, session } from '../session.js';
import { api, logout as endSession } from '../api.js';
import { ROLE_LABELS } from '../format.js';

/** The bell: the notifications API comes later, so it says so instead of showing anything made up. */
function NotificationBell() {
  const [open, setOpen] = useState(false);
  const panel = useRef(null);
  useEffect(() => {
    if (!open) {
      return undefined;
    }
    const onKey = (event) => event.key === 'Escape' && setOpen(false);
    const onClick = (event) => !panel.current?.contains(event.target) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, [open]);
  return html`
    <div class="bell" ref=${panel}>
      <button
        type="button"
        class="button button--ghost bell__button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="notifications"
        onClick=${() => setOpen(!open)}
      >
        <svg
          class="icon"
          viewBox="0 0 24 24"
          width="18"
          height="18"
          aria-hidden="true"
          focusable="false"
        >
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        Thông báo
      </button>
      ${
        open
          ? html`<div class="bell__panel" id="notifications" role="region" aria-label="Thông báo">
              <p>Chưa có thông báo.</p>
            </div>`
          : null
      }
    </div>
  `;
}

function NavItem({ href, children }) {
  const current = location.value.path === href || location.value.path.startsWith(`${href}/`);
  return html`<li>
    <${Link} href=${href} class="nav__link" aria-current=${current ? 'page' : undefined}
      >${children}<//
    >
  </li>`;
}

/** Header, navigation and the main landmark of every staff page. */
export function Shell({ children }) {
  const user = session.value?.user;
  const logout = async () => {
    await endSession();
    navigate('/app/dang-nhap', { replace: true });
  };
  // Bull Board needs its own cookie (a page cannot send the bearer header when it opens).
  const openQueues = async () => {
    const board = window.open('', '_blank');
    try {
      const { url } = await api('/operations/queues-session', { method: 'POST' });
      if (board) {
        board.location.href = url;
      }
    } catch {
      board?.close();
    }
  };
  return html`
    <a class="skip-link" href="#main">Bỏ qua, đến nội dung chính</a>
    <header class="topbar">
      <div class="topbar__brand">
        <span class="brand__title">Một cửa</span>
        <span class="brand__sub">Sở Giáo dục và Đào tạo</span>
      </div>
      ${
        user
          ? html`<nav class="nav" aria-label="Chức năng">
              <ul>
                ${canReceive(user.role) ? html`<${NavItem} href="/app/tiep-nhan">Tiếp nhận<//>` : null}
                <${NavItem} href="/app/ho-so">Hồ sơ<//>
                ${
                  canSeeDashboard(user.role)
                    ? html`<${NavItem} href="/app/bang-dieu-khien">Bảng điều khiển<//>`
                    : null
                }
                <${NavItem} href="/app/tra-cuu">Tra cứu<//>
              </ul>
            </nav>`
          : null
      }
      ${
        user
          ? html`<div class="topbar__user">
              <${NotificationBell} />
              <span class="user">
                <span class="user__name">${user.fullName}</span>
                <span class="user__role">${ROLE_LABELS[user.role] ?? user.role}</span>
              </span>
              ${
                user.role === 'admin'
                  ? html`<button type="button" class="button button--ghost" onClick=${openQueues}>
                      Hàng đợi
                    </button>`
                  : null
              }
              <${Link} href="/app/doi-mat-khau" class="button button--ghost">Đổi mật khẩu<//>
              <button type="button" class="button button--ghost" onClick=${logout}>
                Đăng xuất
              </button>
            </div>`
          : html`<div class="topbar__user">
              <${Link} href="/app/dang-nhap" class="button button--ghost">Đăng nhập cán bộ<//>
            </div>`
      }
    </header>
    <main id="main" tabindex="-1">${children}</main>
  `;
}
