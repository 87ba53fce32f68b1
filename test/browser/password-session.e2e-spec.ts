import path from 'node:path';
import { Page } from 'playwright-core';
import { Role } from '@app/domain';
import { TestApp } from '../setup/test-app';
import { BrowserSession, openBrowserSession, SCREENSHOTS } from './support/browser-session';

/**
 * The session as the staff use it: a 15-minute access token renewed silently from the httpOnly
 * refresh cookie, "Đổi mật khẩu", and a logout that ends the session on the server too.
 */
describe('session and password change (browser)', () => {
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
    await page.waitForURL('**/app/ho-so');
  };

  it('renews an expired access token silently, changes the password, logs out for real', async () => {
    const user = await t.factory.user({ role: Role.Officer, password: 'mat-khau-trinh-duyet' });
    await login(user.username, 'mat-khau-trinh-duyet');
    // No script can read the refresh cookie.
    expect(await page.evaluate('document.cookie')).toBe('');

    // An access token the API refuses (as after 15 minutes): the page renews and carries on.
    await page.evaluate(`{
      const saved = JSON.parse(sessionStorage.getItem('motcua.session'));
      saved.accessToken += 'x';
      sessionStorage.setItem('motcua.session', JSON.stringify(saved));
    }`);
    const renewed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
    await page.goto(`${base}/app/ho-so`);
    expect((await renewed).status()).toBe(200);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(page.url()).toMatch(/\/app\/ho-so$/);

    await page.getByRole('link', { name: 'Đổi mật khẩu' }).click();
    await page.waitForURL('**/app/doi-mat-khau');
    await page.getByLabel('Mật khẩu hiện tại').fill('mat-khau-trinh-duyet');
    await page.getByLabel(/^Mật khẩu mới/).fill('Matkhau@2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Matkhau@2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Mật khẩu này quá phổ biến hoặc quá dễ đoán').waitFor();
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'password-01-refused.png'),
      fullPage: true,
    });

    await page.getByLabel(/^Mật khẩu mới/).fill('Sông Hồng chảy về biển 2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Sông Hồng chảy về biển 2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Đã đổi mật khẩu.').waitFor();
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'password-02-changed.png'),
      fullPage: true,
    });
    // Still logged in, with the new session.
    await page.goto(`${base}/app/ho-so`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(page.url()).toMatch(/\/app\/ho-so$/);

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/app/dang-nhap');
    // The server ended the session: the cookie renews nothing any more.
    const status = await page.evaluate(
      async () => (await fetch('/api/v1/auth/refresh', { method: 'POST' })).status,
    );
    expect(status).toBe(401);

    await login(user.username, 'Sông Hồng chảy về biển 2026');
    expect(session.pageErrors).toEqual([]);
  });
});
