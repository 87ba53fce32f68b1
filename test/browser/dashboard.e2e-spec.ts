import { randomInt } from 'node:crypto';
import path from 'node:path';
import { Page } from 'playwright-core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { TestApp } from '../setup/test-app';
import { BrowserSession, openBrowserSession, SCREENSHOTS } from './support/browser-session';
import { createDriver } from '../e2e/support/drive';

/**
 * The managers' dashboard: the director logs in and lands on it, sees the K1 card, and when an
 * application is taken to "result ready" through the API the figures change without a reload
 * (the metrics stream says "changed", the page fetches again). A head sees a citizen's negative
 * rating of their department, with its comment, appear the same way.
 */
describe('manager dashboard (browser)', () => {
  let t: TestApp;
  let page: Page;
  let base: string;
  let session: BrowserSession;
  let pageErrors: string[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `dashboard-${name}.png`), fullPage: true });

  beforeAll(async () => {
    session = await openBrowserSession({ worker: true });
    ({ t, base, page } = session);
    pageErrors = session.pageErrors;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('director sees the K1 card, and its figures change live after a transition', async () => {
    const d = await createDriver(t);
    const app = await d.driveTo(S.Processing, 'Lê Văn Minh');
    await t.factory.user({
      role: Role.Director,
      username: 'giamdoc_web',
      password: 'matkhau-giamdoc',
      departmentId: null,
    });

    // The stream is opened with a single-use ticket: the access token never goes in a URL.
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));

    await page.goto(`${base}/app/`);
    await page.waitForURL('**/app/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('giamdoc_web');
    await page.getByLabel('Mật khẩu').fill('matkhau-giamdoc');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/bang-dieu-khien');

    const k1 = page.getByTestId('kpi-k1');
    await k1.getByText('Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn').waitFor();
    await k1.getByText('Chỉ tiêu: ≥ 98 %').waitFor();
    const open = page.getByTestId('k1-open');
    await open.getByText('Đang giải quyết: 1 hồ sơ').waitFor();
    const k1Before = (await page.getByTestId('kpi-k1-value').textContent())!.trim();
    expect(k1Before).toBe('100 %'); // the one open application is within its deadline
    await page.locator('[data-testid="live-status"][data-state="on"]').waitFor();
    await page.getByText('Tự động cập nhật', { exact: true }).waitFor();
    expect(urls.filter((u) => u.includes('/metrics/stream?'))).toEqual([
      expect.stringMatching(/\/api\/v1\/metrics\/stream\?ticket=[A-Za-z0-9_-]{43}$/),
    ]);
    expect(urls.filter((u) => u.includes('access_token'))).toEqual([]);
    await page.getByRole('heading', { name: 'Xếp hạng phòng theo tỷ lệ đúng hạn' }).waitFor();
    await page.getByText(/Cập nhật lúc \d\d:\d\d:\d\d/).waitFor();
    await shot('01-before');

    // A marker a reload would wipe out.
    await page.evaluate('window.__noReload = true');
    const res = await d.act(A.MarkResultReady, app, await d.adminToken());
    expect(res.status).toBe(200);

    await open.getByText('Đang giải quyết: 0 hồ sơ').waitFor({ timeout: 5_000 });
    expect(await page.evaluate('window.__noReload')).toBe(true);
    await shot('02-after-result-ready');

    // The period selector is a radio group reachable from the keyboard.
    await page.getByLabel('Năm nay').check();
    await page.getByText(/Cập nhật lúc/).waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('a head sees a negative rating of their department and its comment appear live', async () => {
    const d = await createDriver(t);
    const other = await createDriver(t);
    const [bad, good, elsewhere] = [
      await d.driveTo(S.ResultReturned, 'Phạm Thị Lan'),
      await d.driveTo(S.ResultReturned, 'Đỗ Văn Hùng'),
      await other.driveTo(S.ResultReturned, 'Vũ Thị Mai'),
    ];
    await t.factory.user({
      role: Role.Head,
      username: 'truongphong_web',
      password: 'matkhau-truongphong',
      departmentId: d.departmentId,
    });
    const rate = (code: string, score: number, comment: string) =>
      t.http
        .post('/api/v1/public/applications/rating')
        .set('x-forwarded-for', `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`)
        .send({ code, phone: '5678', score, comment });

    // A tab of its own: the session lives in sessionStorage, per tab.
    const tab = await session.context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        errors.push(message.text());
      }
    });
    await tab.goto(`${base}/app/dang-nhap`);
    await tab.getByLabel('Tên đăng nhập').fill('truongphong_web');
    await tab.getByLabel('Mật khẩu').fill('matkhau-truongphong');
    await tab.keyboard.press('Enter');
    await tab.waitForURL('**/app/bang-dieu-khien');
    const panel = tab.getByRole('region', { name: 'Đánh giá chưa hài lòng gần đây' });
    await panel.getByText('Không có đánh giá chưa hài lòng trong kỳ.').waitFor();
    await tab.locator('[data-testid="live-status"][data-state="on"]').waitFor();
    await tab.evaluate('window.__noReload = true');

    expect((await rate(good.code, 5, 'Rất hài lòng')).status).toBe(201);
    expect((await rate(elsewhere.code, 1, 'Phòng khác chưa hài lòng')).status).toBe(201);
    const comment = 'Phải đi lại ba lần, cán bộ không hướng dẫn rõ';
    expect((await rate(bad.code, 1, comment)).status).toBe(201);

    const row = panel.locator(`tr[data-code="${bad.code}"]`);
    await row.getByText(comment).waitFor({ timeout: 5_000 });
    expect(await tab.evaluate('window.__noReload')).toBe(true);
    await row.getByText('1 điểm').waitFor();
    await row.getByText(bad.procedure.name).waitFor();
    // Only this department's negative ratings: not the 5, not the other department's 1.
    expect(await panel.locator('tbody tr').count()).toBe(1);
    await tab.screenshot({
      path: path.join(SCREENSHOTS, 'dashboard-03-negative-rating.png'),
      fullPage: true,
    });

    await row.getByRole('link', { name: bad.code }).click();
    await tab.waitForURL(`**/app/ho-so/${encodeURIComponent(bad.code)}`);
    await tab.close();
    expect(errors).toEqual([]);
  }, 60_000);
});
