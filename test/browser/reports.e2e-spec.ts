import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Download, Page } from 'playwright-core';
import { Role } from '@app/domain';
import { TestApp } from '../setup/test-app';
import { intakeMany } from '../setup/test-events';
import { createDriver } from '../e2e/support/drive';
import { BrowserSession, openBrowserSession, SCREENSHOTS } from './support/browser-session';
import { expectUsable } from './support/usable';
import { waitForCount } from './support/wait-for-count';

/**
 * The reports page: the director saves a quarter workbook by the calendar and by the 15th–14th
 * reporting period and the tracking book (real XLSX files, named as shown), and pages through
 * every citizen rating, then only the dissatisfied ones.
 */
describe('reports page (browser)', () => {
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

  const saved = async (click: () => Promise<void>): Promise<Download> => {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    // An XLSX is a zip: it starts with "PK".
    expect(
      readFileSync(await download.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    return download;
  };

  it('workbooks, tracking book, ratings with paging and the negative filter', async () => {
    const d = await createDriver(t);
    const { ids } = await intakeMany(t, d.procedureCode, 30);
    await t.db.query(
      `INSERT INTO satisfaction_ratings (application_id, score, comment, rated_at, department_id, procedure_id, channel)
       SELECT a.id, CASE WHEN x.n <= 5 THEN 1 ELSE 5 END,
              CASE WHEN x.n <= 5 THEN 'Chưa hài lòng ' || x.n ELSE NULL END,
              now() - x.n * interval '1 minute', a.department_id, a.procedure_id, a.channel
       FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n) JOIN applications a ON a.id = x.id`,
      [ids],
    );
    await t.factory.user({
      role: Role.Director,
      username: 'giamdoc_bc',
      password: 'matkhau-gd',
      departmentId: null,
    });

    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('giamdoc_bc');
    await page.getByLabel('Mật khẩu').fill('matkhau-gd');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/bang-dieu-khien');
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.waitForURL('**/app/bao-cao');

    const year = new Date().getFullYear();
    await page.getByLabel('Loại kỳ').selectOption('quarter');
    await page.getByLabel('Quý').selectOption('2');
    let file = await saved(() => page.getByRole('button', { name: 'Tải báo cáo' }).click());
    expect(file.suggestedFilename()).toBe(`bao-cao-quarter-2-${year}-lich.xlsx`);
    await page.getByLabel('Kỳ báo cáo (ngày 15 đến ngày 14)').check();
    file = await saved(() => page.getByRole('button', { name: 'Tải báo cáo' }).click());
    expect(file.suggestedFilename()).toBe(`bao-cao-quarter-2-${year}-ky-bao-cao.xlsx`);
    file = await saved(() => page.getByRole('button', { name: 'Tải sổ theo dõi' }).click());
    expect(file.suggestedFilename()).toMatch(
      /^so-theo-doi-ho-so-\d{4}-\d\d-01-\d{4}-\d\d-\d\d\.xlsx$/,
    );

    const rows = page.getByTestId('ratings').locator('tbody tr');
    await page.getByRole('button', { name: 'Xem thêm' }).waitFor();
    expect(await rows.count()).toBe(25);
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await rows.nth(29).waitFor();
    await page.getByRole('button', { name: 'Xem thêm' }).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(30);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-01.png'), fullPage: true });
    await expectUsable(page, 'reports');

    await page.getByLabel('Chỉ đánh giá chưa hài lòng').check();
    await waitForCount(rows, 5);
    await rows.first().getByText('Chưa hài lòng 1').waitFor();
    expect(session.pageErrors).toEqual([]);
  }, 90_000);
});
