// @ts-check
// The staff web app: plain ES modules, no build step. Routes are Vietnamese paths under /app.
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { html } from './html.js';
import { location, navigate } from './router.js';
import {
  canReceive,
  canSeeDashboard,
  canSeeOnlineInbox,
  canSeePetitions,
  homeFor,
  session,
} from './session.js';
import { Shell } from './components/shell.js';
import { LoginPage } from './pages/login-page.js';
import { DeskPage } from './pages/desk-page.js';
import { WorklistPage } from './pages/worklist-page.js';
import { PublicStatusPage } from './pages/public-status-page.js';
import { DashboardPage } from './pages/dashboard-page.js';
import { ChangePasswordPage } from './pages/change-password-page.js';
import { EscalationsPage } from './pages/escalations-page.js';
import { ReportsPage } from './pages/reports-page.js';
import { AdminPage } from './pages/admin-page.js';
import { OnlineSubmissionPage } from './pages/online-submission-page.js';
import { OnlineInboxPage } from './pages/online-inbox-page.js';
import { PetitionFormPage } from './pages/petition-form-page.js';
import { PublishedPetitionsPage } from './pages/published-petitions-page.js';
import { PetitionsPage } from './pages/petitions-page.js';

function Redirect({ to }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function NotFound() {
  return html`<div class="page page--narrow">
    <h1>Không tìm thấy trang</h1>
    <p>Địa chỉ này không có trong ứng dụng. <a href="/app/">Về trang chính</a></p>
  </div>`;
}

function Forbidden() {
  return html`<div class="page page--narrow">
    <h1>Không có quyền truy cập</h1>
    <p>Chức năng này không dành cho vai trò của bạn.</p>
  </div>`;
}

/** Staff pages need a login: without one, go to the login page and come back afterwards. */
function staffOnly(page) {
  const user = session.value?.user;
  if (!user) {
    const back =
      location.value.path + (location.value.query.size ? `?${location.value.query}` : '');
    return html`<${Redirect} to=${`/app/dang-nhap?sau=${encodeURIComponent(back)}`} />`;
  }
  return page(user);
}

function App() {
  const { path } = location.value;
  const user = session.value?.user;
  let page;
  if (path === '/app' || path === '/app/index.html') {
    page = html`<${Redirect} to=${user ? homeFor(user.role) : '/app/dang-nhap'} />`;
  } else if (path === '/app/dang-nhap') {
    page = user ? html`<${Redirect} to=${homeFor(user.role)} />` : html`<${LoginPage} />`;
  } else if (path === '/app/nop-truc-tuyen') {
    page = html`<${OnlineSubmissionPage} />`;
  } else if (path === '/app/phan-anh-kien-nghi') {
    page = html`<${PetitionFormPage} />`;
  } else if (path === '/app/tra-loi-phan-anh-kien-nghi') {
    page = html`<${PublishedPetitionsPage} />`;
  } else if (path === '/app/tra-cuu') {
    page = html`<${PublicStatusPage} />`;
  } else if (path === '/app/tiep-nhan') {
    page = staffOnly((u) => (canReceive(u.role) ? html`<${DeskPage} />` : html`<${Forbidden} />`));
  } else if (path === '/app/tiep-nhan-truc-tuyen') {
    page = staffOnly((u) =>
      canSeeOnlineInbox(u.role) ? html`<${OnlineInboxPage} />` : html`<${Forbidden} />`,
    );
  } else if (path === '/app/pakn' || path.startsWith('/app/pakn/')) {
    page = staffOnly((u) =>
      canSeePetitions(u.role) ? html`<${PetitionsPage} />` : html`<${Forbidden} />`,
    );
  } else if (path === '/app/bang-dieu-khien') {
    page = staffOnly((u) =>
      canSeeDashboard(u.role) ? html`<${DashboardPage} />` : html`<${Forbidden} />`,
    );
  } else if (path === '/app/bao-cao') {
    page = staffOnly((u) =>
      canSeeDashboard(u.role) ? html`<${ReportsPage} />` : html`<${Forbidden} />`,
    );
  } else if (path === '/app/quan-tri') {
    page = staffOnly((u) => (u.role === 'admin' ? html`<${AdminPage} />` : html`<${Forbidden} />`));
  } else if (path === '/app/canh-bao') {
    page = staffOnly(() => html`<${EscalationsPage} />`);
  } else if (path === '/app/doi-mat-khau') {
    page = staffOnly(() => html`<${ChangePasswordPage} />`);
  } else if (path === '/app/ho-so' || path.startsWith('/app/ho-so/')) {
    page = staffOnly(() => html`<${WorklistPage} />`);
  } else {
    page = html`<${NotFound} />`;
  }
  return html`<${Shell}>${page}<//>`;
}

render(html`<${App} />`, /** @type {HTMLElement} */ (document.getElementById('root')));
