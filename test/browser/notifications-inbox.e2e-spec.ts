import path from 'node:path';
import { Page } from 'playwright-core';
import { Role } from '@app/domain';
import { EscalationRepository, NotificationRepository } from '@app/database';
import { TestApp } from '../setup/test-app';
import { intakeMany } from '../setup/test-events';
import { createDriver } from '../e2e/support/drive';
import { BrowserSession, openBrowserSession, SCREENSHOTS } from './support/browser-session';
import { expectUsable } from './support/usable';
import { waitForCount } from './support/wait-for-count';

/**
 * The bell and the escalation inbox: a head sees the unread count from the API, a notification
 * added by the worker appears without a reload (notifications stream), "read all" clears it; the
 * inbox pages 20 at a time, filters by level and acknowledges one escalation, recorded in the
 * database.
 */
describe('bell and escalation inbox (browser)', () => {
  let t: TestApp;
  let page: Page;
  let base: string;
  let session: BrowserSession;

  const shot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `inbox-${name}.png`), fullPage: true });

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ t, base, page } = session);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('counts, live bell, read all, inbox paging, filter and acknowledge', async () => {
    const d = await createDriver(t);
    const head = await t.factory.user({
      role: Role.Head,
      username: 'truongphong_hop',
      password: 'matkhau-truongphong',
      departmentId: d.departmentId,
    });
    const { ids } = await intakeMany(t, d.procedureCode, 6);
    // 6 applications × 4 levels = 24 escalations to the head, one minute apart.
    await t.db.query(
      `INSERT INTO escalations (application_id, level, raised_at, recipients, due_at)
       SELECT a.id, l.level, now() - (row_number() OVER (ORDER BY a.id, l.level)) * interval '1 minute',
              jsonb_build_array(jsonb_build_object('userId', $2::text, 'role', 'head', 'name', 'Trưởng phòng Hợp')),
              app.due_at
       FROM unnest($1::uuid[]) AS a(id) JOIN applications app ON app.id = a.id
       CROSS JOIN generate_series(1, 4) AS l(level)`,
      [ids, head.id],
    );
    await t.db.query(
      `INSERT INTO notifications (user_id, kind, application_id, title, body, created_at)
       SELECT $1, 'escalation', $2, 'Hồ sơ sắp đến hạn ' || n, 'Đề nghị xử lý kịp thời.', now()
       FROM generate_series(1, 3) AS n`,
      [head.id, ids[0]],
    );

    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('truongphong_hop');
    await page.getByLabel('Mật khẩu').fill('matkhau-truongphong');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/bang-dieu-khien');
    await page.getByTestId('bell-count').getByText('3').waitFor();
    await page.getByTestId('escalation-count').getByText('24').waitFor();
    await page.evaluate('window.__noReload = true');

    // The worker adds one (same repository, same transaction as an escalation would).
    const notifications = t.app.get(NotificationRepository, { strict: false });
    await t.app.get(EscalationRepository, { strict: false }).transaction((scope) =>
      notifications.insertMany(scope, [
        {
          userId: head.id,
          kind: 'escalation',
          applicationId: ids[1],
          title: 'Hồ sơ đã quá hạn',
          body: 'Cần lập văn bản xin lỗi.',
          createdAt: new Date(),
        },
      ]),
    );
    await page.getByTestId('bell-count').getByText('4').waitFor({ timeout: 5_000 });
    expect(await page.evaluate('window.__noReload')).toBe(true);

    await page.getByTestId('bell').click();
    const panel = page.getByRole('region', { name: 'Thông báo' });
    await panel.getByText('Hồ sơ đã quá hạn').waitFor();
    await shot('01-bell');
    await panel.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
    await page.getByTestId('bell-count').waitFor({ state: 'detached' });
    const { rows: unread } = await t.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [head.id],
    );
    expect(unread[0].n).toBe(0);
    await panel.getByRole('link', { name: 'Xem hộp cảnh báo' }).click();

    await page.waitForURL('**/app/canh-bao');
    const items = page.getByTestId('escalation');
    await page.getByRole('heading', { name: 'Hộp cảnh báo hồ sơ' }).waitFor();
    await page.getByRole('button', { name: 'Xem thêm' }).waitFor();
    expect(await items.count()).toBe(20);
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await items.nth(23).waitFor();
    expect(await items.count()).toBe(24);
    await expectUsable(page, 'inbox');

    await page.getByLabel('Mức cảnh báo').selectOption('3');
    await items.first().getByText('Mức 3: Đã quá hạn').waitFor();
    await waitForCount(items, 6);
    await items.first().getByRole('button', { name: 'Xác nhận đã nắm thông tin' }).click();
    await items
      .first()
      .getByText(/Đã xác nhận lúc/)
      .waitFor();
    await page.getByTestId('escalation-count').getByText('23').waitFor();
    const { rows: acked } = await t.db.query(
      `SELECT level, acknowledged_by AS "by" FROM escalations WHERE acknowledged_at IS NOT NULL`,
    );
    expect(acked).toEqual([{ level: 3, by: head.id }]);
    await shot('02-inbox');
    expect(session.pageErrors).toEqual([]);
  }, 90_000);
});
