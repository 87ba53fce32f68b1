import { Page } from 'playwright-core';
import { ApplicationStatus as S, Role } from '@app/domain';
import { TestApp } from '../setup/test-app';
import { createDriver } from '../e2e/support/drive';
import { BrowserSession, openBrowserSession } from './support/browser-session';
import { expectUsable } from './support/usable';

/**
 * Every page at 360 px wide (a small phone): no horizontal overflow, and axe-core finds no
 * serious or critical violation. One admin session visits the staff pages; the public pages
 * are visited logged out.
 */
describe('every page at 360 px (browser)', () => {
  let t: TestApp;
  let page: Page;
  let base: string;
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ t, base, page } = session);
    await page.setViewportSize({ width: 360, height: 740 });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('public pages, then every staff page as admin', async () => {
    const d = await createDriver(t);
    const app = await d.driveTo(S.Processing, 'Trần Văn Hẹp');
    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').waitFor();
    await expectUsable(page, 'login');
    await page.goto(`${base}/app/tra-cuu?code=${encodeURIComponent(app.code)}`);
    await page.getByRole('heading').first().waitFor();
    await expectUsable(page, 'public status');

    await t.factory.user({
      role: Role.Admin,
      username: 'quantri_hep',
      password: 'matkhau-quantri',
    });
    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('quantri_hep');
    await page.getByLabel('Mật khẩu').fill('matkhau-quantri');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/bang-dieu-khien');
    // "Đăng xuất" stays on screen at 360 px.
    expect(await page.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(true);

    const pages: Array<[string, string, string]> = [
      ['dashboard', '/app/bang-dieu-khien', 'Xếp hạng phòng theo tỷ lệ đúng hạn'],
      ['desk', '/app/tiep-nhan', 'Tiếp nhận hồ sơ'],
      ['worklist', '/app/ho-so', 'Hồ sơ'],
      ['detail', `/app/ho-so/${encodeURIComponent(app.code)}`, 'Quá trình xử lý'],
      ['reports', '/app/bao-cao', 'Báo cáo'],
      ['inbox', '/app/canh-bao', 'Hộp cảnh báo hồ sơ'],
      ['admin users', '/app/quan-tri?muc=nguoi-dung', 'Người dùng'],
      ['admin divisions', '/app/quan-tri?muc=phong', 'Phòng, đơn vị'],
      ['admin procedures', '/app/quan-tri?muc=thu-tuc', 'Thủ tục hành chính'],
      ['admin calendar', '/app/quan-tri?muc=lich', 'Lịch nghỉ, ngày làm việc'],
      ['password', '/app/doi-mat-khau', 'Đổi mật khẩu'],
    ];
    for (const [name, url, heading] of pages) {
      await page.goto(`${base}${url}`);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectUsable(page, name);
    }
    expect(session.pageErrors).toEqual([]);
  }, 240_000);
});
