// @ts-check
import { html } from '../html.js';
import { Link, location, navigate } from '../router.js';
import {
  canReceive,
  canSeeDashboard,
  canSeeOnlineInbox,
  canSeePetitions,
  session,
} from '../session.js';
import { api, logout as endSession } from '../api.js';
import { ROLE_LABELS } from '../format.js';
import { inboxCounts } from '../inbox.js';
import { NotificationBell } from './notification-bell.js';

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
                ${
                  canSeeOnlineInbox(user.role)
                    ? html`<${NavItem} href="/app/tiep-nhan-truc-tuyen">Trực tuyến<//>`
                    : null
                }
                <${NavItem} href="/app/ho-so">Hồ sơ<//>
                ${canSeePetitions(user.role) ? html`<${NavItem} href="/app/pakn">Phản ánh<//>` : null}
                ${
                  canSeeDashboard(user.role)
                    ? html`<${NavItem} href="/app/bang-dieu-khien">Bảng điều khiển<//>`
                    : null
                }
                <${NavItem} href="/app/canh-bao"
                  >Cảnh
                  báo${
                    inboxCounts.value?.openEscalations
                      ? html` <span class="badge badge--count" data-testid="escalation-count"
                          >${inboxCounts.value.openEscalations}<span class="visually-hidden">
                            chưa xác nhận</span
                          ></span
                        >`
                      : null
                  }<//
                >
                ${
                  canSeeDashboard(user.role)
                    ? html`<${NavItem} href="/app/bao-cao">Báo cáo<//>`
                    : null
                }
                ${user.role === 'admin' ? html`<${NavItem} href="/app/quan-tri">Quản trị<//>` : null}
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
              <${Link} href="/app/phan-anh-kien-nghi" class="button button--ghost"
                >Phản ánh, kiến nghị<//
              >
              <${Link} href="/app/dang-nhap" class="button button--ghost">Đăng nhập cán bộ<//>
            </div>`
      }
    </header>
    <main id="main" tabindex="-1">${children}</main>
  `;
}
