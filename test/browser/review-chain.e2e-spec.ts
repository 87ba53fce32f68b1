import path from 'node:path';
import { Locator, Page } from 'playwright-core';
import { ApplicationStatus as S, Role } from '@app/domain';
import { TestApp } from '../setup/test-app';
import { createDriver } from '../e2e/support/drive';
import {
  BrowserSession,
  openBrowserSession,
  SCREENSHOTS,
  STEP_TIMEOUT_MS,
} from './support/browser-session';
import { expectUsable } from './support/usable';

/**
 * Review and signature in the web app (issue 10 item 6): the officer submits the draft, the
 * head sends it back with a reason the officer then reads on the detail, the head approves the
 * second draft, the director signs with the result's number, the officer marks it ready. Each
 * sees only the buttons of their step; an admin's form asks for the correction's reason.
 */
describe('review chain (browser)', () => {
  let t: TestApp;
  let page: Page;
  let base: string;
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ t, base, page } = session);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const login = async (username: string, password: string) => {
    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.endsWith('/dang-nhap'));
  };
  const logout = async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/app/dang-nhap');
  };
  const buttons = async (detail: Locator) =>
    (await detail.locator('.detail__actions button').allTextContents()).map((s) => s.trim());
  const status = (label: string) =>
    page.getByTestId('detail-status').filter({ hasText: label }).waitFor();
  /** Opens `code` and waits for the buttons of the user's step. */
  const open = async (code: string, first: string) => {
    await page.goto(`${base}/app/ho-so/${encodeURIComponent(code)}`);
    const detail = page.locator('.detail');
    await detail.locator('.detail__actions button', { hasText: first }).first().waitFor();
    return detail;
  };
  const act = async (detail: Locator, label: string, fill: Record<string, string> = {}) => {
    await detail.getByRole('button', { name: label, exact: true }).click();
    const form = detail.locator('.action-form');
    for (const [field, value] of Object.entries(fill)) {
      await form.getByLabel(field).fill(value);
    }
    const before = await detail.locator('.timeline__item').count();
    await form.getByRole('button', { name: `Xác nhận: ${label}` }).click();
    // One more history entry once the action is recorded and the detail reloaded.
    await detail.locator('.timeline__item').nth(before).waitFor({ timeout: STEP_TIMEOUT_MS });
  };

  it('officer → head (sent back, then approved) → director signs → result ready', async () => {
    const d = await createDriver(t);
    await t.db.query(
      `UPDATE procedures SET review_chain = '[{"stage":"review","role":"head"},{"stage":"sign","role":"director"}]'
       WHERE code = $1`,
      [d.procedureCode],
    );
    const app = await d.driveTo(S.Received, 'Phạm Minh Khoa');
    const users = [
      { role: Role.Officer, username: 'cv_duyet', departmentId: d.departmentId },
      { role: Role.Head, username: 'tp_duyet', departmentId: d.departmentId },
      { role: Role.Director, username: 'gd_ky', departmentId: null },
      { role: Role.Admin, username: 'qt_duyet', departmentId: null },
    ];
    for (const u of users) {
      await t.factory.user({ ...u, password: 'matkhau-duyet-2026' });
    }

    // The officer starts and submits the draft; "result ready" is not offered before signing.
    await login('cv_duyet', 'matkhau-duyet-2026');
    let detail = await open(app.code, 'Bắt đầu xử lý');
    await act(detail, 'Bắt đầu xử lý');
    await status('Đang xử lý');
    expect(await buttons(detail)).toContain('Trình duyệt kết quả');
    expect(await buttons(detail)).not.toContain('Đã có kết quả');
    await detail.getByTestId('review-state').getByText('Chuyên viên đang dự thảo kết quả').waitFor();
    await act(detail, 'Trình duyệt kết quả');
    await detail.getByTestId('review-state').getByText('Đang chờ: Trưởng phòng').waitFor();
    expect(await buttons(detail)).not.toContain('Trình duyệt kết quả');
    await logout();

    // The head sends it back with a reason.
    await login('tp_duyet', 'matkhau-duyet-2026');
    detail = await open(app.code, 'Duyệt, trình ký');
    expect(await buttons(detail)).toEqual(
      expect.arrayContaining(['Duyệt, trình ký', 'Trả lại chuyên viên']),
    );
    expect(await buttons(detail)).not.toContain('Ký kết quả');
    await detail.getByRole('button', { name: 'Trả lại chuyên viên', exact: true }).click();
    // The reason is required: the form says so in Vietnamese and sends nothing.
    await detail.getByRole('button', { name: 'Xác nhận: Trả lại chuyên viên' }).click();
    await detail.getByText('Nhập lý do trả lại, nội dung cần sửa.').waitFor();
    await detail.getByRole('button', { name: 'Huỷ' }).click();
    await act(detail, 'Trả lại chuyên viên', {
      'Lý do trả lại, nội dung cần sửa': 'Thiếu căn cứ pháp lý ở Điều 2',
    });
    await logout();

    // The officer reads the reason, and submits again.
    await login('cv_duyet', 'matkhau-duyet-2026');
    detail = await open(app.code, 'Trình duyệt kết quả');
    await detail
      .getByTestId('sent-back-reason')
      .getByText(/Lý do trả lại: Thiếu căn cứ pháp lý ở Điều 2/)
      .waitFor();
    await detail
      .locator('.timeline__item[data-action="send-back"]')
      .getByText('Lý do trả lại: Thiếu căn cứ pháp lý ở Điều 2')
      .waitFor();
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'review-01-sent-back.png'),
      fullPage: true,
    });
    await expectUsable(page, 'application sent back');
    await act(detail, 'Trình duyệt kết quả');
    await logout();

    await login('tp_duyet', 'matkhau-duyet-2026');
    detail = await open(app.code, 'Duyệt, trình ký');
    await act(detail, 'Duyệt, trình ký');
    await detail.getByTestId('review-state').getByText('Đang chờ: Lãnh đạo Sở ký kết quả').waitFor();
    await logout();

    // An admin may act only as a correction, with its reason.
    await login('qt_duyet', 'matkhau-duyet-2026');
    detail = await open(app.code, 'Ký kết quả');
    await detail.getByRole('button', { name: 'Ký kết quả', exact: true }).click();
    await detail.getByLabel('Lý do điều chỉnh (quản trị hệ thống)').waitFor();
    await detail.getByRole('button', { name: 'Huỷ' }).click();
    await logout();

    // The director signs with the result's number.
    await login('gd_ky', 'matkhau-duyet-2026');
    detail = await open(app.code, 'Ký kết quả');
    await act(detail, 'Ký kết quả', { 'Số, ký hiệu văn bản kết quả': '125/QĐ-SGDĐT' });
    await detail.getByTestId('result-number').getByText(/125\/QĐ-SGDĐT/).waitFor();
    await detail.getByTestId('review-state').getByText('Đã ký').waitFor();
    await expectUsable(page, 'application signed');
    await logout();

    await login('cv_duyet', 'matkhau-duyet-2026');
    detail = await open(app.code, 'Đã có kết quả');
    await act(detail, 'Đã có kết quả');
    await status('Đã xử lý xong');
    const { rows } = await t.db.query<{ action: string }>(
      `SELECT action FROM application_history h JOIN applications a ON a.id = h.application_id
       WHERE a.code = $1 ORDER BY h.id`,
      [app.code],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'receive',
      'start',
      'submit-for-review',
      'send-back',
      'submit-for-review',
      'approve-review',
      'sign-result',
      'mark-result-ready',
    ]);
    expect(session.pageErrors).toEqual([]);
  }, 180_000);
});
