import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { createDriver } from '../e2e/support/drive';

// Same browser set-up as staff-web-app.e2e-spec.ts: Debian's Chromium, never a download.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = path.resolve(__dirname, '../../test-artifacts/browser');
const STEP_TIMEOUT_MS = 10_000;

/**
 * The managers' dashboard: the director logs in and lands on it, sees the K1 card, and when an
 * application is taken to "result ready" through the API the figures change without a reload
 * (the metrics stream says "changed", the page fetches again).
 */
describe('manager dashboard (browser)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let userDataDir: string;
  const pageErrors: string[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `dashboard-${name}.png`), fullPage: true });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: the browser tests need Debian's chromium package ` +
          '(apt-get install -y chromium). They never download a browser.',
      );
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    userDataDir = mkdtempSync(path.join(tmpdir(), 'motcua-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 900 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        pageErrors.push(message.text());
      }
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) {
      rmSync(userDataDir, { recursive: true, force: true });
    }
    await t?.close();
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
    await page.getByText('Tự động cập nhật', { exact: false }).waitFor();
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
});
