import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Page } from 'playwright-core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { ApplicationView } from '@app/core';
import { TestApp } from '../setup/test-app';
import { createDriver } from '../e2e/support/drive';
import { BrowserSession, openBrowserSession, SCREENSHOTS } from './support/browser-session';
import { expectUsable } from './support/usable';

/**
 * The application detail: a liên thông application handed over and apologised for shows both
 * divisions and the apology's new date and reason in Vietnamese (no "hand-over" anywhere), and
 * every form it has can be saved again as a PDF.
 */
describe('application detail (browser)', () => {
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

  it('history with both divisions and the apology, and every form downloadable', async () => {
    const d = await createDriver(t);
    let app = await d.driveTo(S.Processing, 'Hoàng Thị Thu');
    const admin = await d.adminToken();
    for (const action of [A.HandOver, A.Apologize]) {
      const res = await d.act(action, app, admin);
      expect(res.status).toBe(200);
      app = res.body as ApplicationView;
    }
    const { rows } = await t.db.query<{ lead: string; other: string }>(
      `SELECT (SELECT name FROM departments WHERE id = $1) AS lead,
              (SELECT name FROM departments WHERE id = $2) AS other`,
      [d.departmentId, await d.otherDepartmentId()],
    );
    await t.factory.user({ role: Role.Admin, username: 'quantri_hs', password: 'matkhau-quantri' });

    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('quantri_hs');
    await page.getByLabel('Mật khẩu').fill('matkhau-quantri');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/bang-dieu-khien');
    await page.goto(`${base}/app/ho-so/${encodeURIComponent(app.code)}`);

    const handOver = page.locator('.timeline__item[data-action="hand-over"]');
    await handOver.getByText('Chuyển phòng phối hợp (liên thông)').waitFor();
    await handOver.getByText(`Phòng chuyển: ${rows[0].lead}`).waitFor();
    await handOver.getByText(`Phòng nhận: ${rows[0].other}`).waitFor();
    await handOver.getByText(/Thời hạn bước này: 2 ngày làm việc/).waitFor();
    const apology = page.locator('.timeline__item[data-action="apologize"]');
    await apology.getByText('Lý do: Phải xin ý kiến cơ quan phối hợp').waitFor();
    await apology.getByText(/Ngày hẹn trả mới: \d\d\/\d\d\/\d{4} \d\d:\d\d/).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/hand-over|handover/i);

    const forms = page.locator('.forms__item');
    expect(
      await forms.evaluateAll((items) => items.map((i) => i.getAttribute('data-form'))),
    ).toEqual(['receipt', 'control-sheet', 'apology']);
    for (const file of ['receipt', 'control-sheet', 'apology']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page
          .locator(`.forms__item[data-form="${file}"]`)
          .getByRole('button', { name: /Tải về/ })
          .click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${app.code}-${file}.pdf`);
      const saved = await download.path();
      expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'detail-01-history.png'),
      fullPage: true,
    });
    await expectUsable(page, 'application detail');
    expect(session.pageErrors).toEqual([]);
  }, 90_000);
});
