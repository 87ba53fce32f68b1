import path from 'node:path';
import { Page } from 'playwright-core';
import { addLocalDays, Role, toLocalDate, TransitionAction as A } from '@app/domain';
import { TestApp } from '../setup/test-app';
import { eventually } from '../setup/test-events';
import { BrowserSession, openBrowserSession, SCREENSHOTS } from './support/browser-session';
import { expectUsable } from './support/usable';

/**
 * The postal channel in the staff web app: the desk logs a dossier received by post with its
 * hand-over record (the reception time is the record's signature), sees the shipment and its
 * timeline on the detail, and records the hand-over of a result to the post office; at 360 px,
 * with no serious accessibility violation.
 */
describe('postal shipments in the staff web app (browser)', () => {
  let t: TestApp;
  let page: Page;
  let base: string;
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowserSession({ worker: true });
    ({ t, base, page } = session);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('intake by post with the hand-over record; the shipment and its timeline; the outbound hand-over', async () => {
    const department = await t.factory.department({ name: 'Phòng Khảo thí' });
    const procedure = await t.factory.procedure({
      departmentId: department.id,
      name: 'Xác nhận kết quả thi gửi qua bưu điện',
      timeLimitValue: 5,
    });
    await t.db.query(
      `UPDATE procedures SET postal_intake = true, postal_return = true WHERE id = $1`,
      [procedure.id],
    );
    await t.db.query(
      `INSERT INTO postal_tracking_pool (code) VALUES ('RR100000003VN'), ('RR100000017VN')`,
    );
    await t.factory.user({
      role: Role.Reception,
      username: 'tiepnhan_buudien',
      password: 'matkhau-tiepnhan',
      departmentId: null,
    });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('tiepnhan_buudien');
    await page.getByLabel('Mật khẩu').fill('matkhau-tiepnhan');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/tiep-nhan');

    await page.getByRole('combobox', { name: /Thủ tục hành chính/ }).fill('gui qua buu dien');
    await page.getByRole('option', { name: /Xác nhận kết quả thi gửi qua bưu điện/ }).click();
    await page.getByLabel('Họ và tên').fill('Bùi Thị Lan');
    await page.getByLabel('Số định danh cá nhân/CCCD').fill('001203004567');
    await page.getByLabel('Số điện thoại').fill('0912345678');
    await page.getByRole('radio', { name: 'Qua bưu chính' }).check();
    const yesterday = addLocalDays(toLocalDate(new Date()), -1);
    await page.getByLabel('Số biên bản').fill('BBGN-WEB-01');
    await page.getByLabel('Thời điểm ký (giờ Việt Nam)').fill(`${yesterday}T10:00`);
    await page.getByLabel('Nhân viên bưu điện ký').fill('Trần Văn Bưu');
    await page.getByLabel('Số nhà, đường').fill('Số 3 Phan Đình Phùng');
    await page.getByLabel('Xã/phường').fill('Phường Thanh Bình');
    await page.getByLabel('Tỉnh/thành phố').fill('Ninh Bình');
    await expectUsable(page, 'desk form, postal channel');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'postal-01-intake.png'), fullPage: true });
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();

    const code = (await page.getByTestId('receipt-code').textContent())!.trim();
    const { rows } = await t.db.query<{ received_at: Date; channel: string; id: string }>(
      'SELECT id, received_at, channel FROM applications WHERE code = $1',
      [code],
    );
    expect(rows[0].channel).toBe('postal');
    // The record's signature, in Hà Nội time, is the reception time.
    expect(rows[0].received_at.toISOString()).toBe(
      new Date(`${yesterday}T10:00:00+07:00`).toISOString(),
    );

    await page.goto(`${base}/app/ho-so/${encodeURIComponent(code)}`);
    const inbound = page.getByTestId('shipment');
    await inbound.getByTestId('tracking-code').getByText('RR100000003VN').waitFor();
    await inbound.getByText('Đã bàn giao cho Bộ phận Một cửa').first().waitFor();
    await inbound.getByText(/Số BBGN-WEB-01, ký lúc/).waitFor();
    await expectUsable(page, 'application detail with its inbound shipment');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'postal-02-detail.png'), fullPage: true });

    // The applicant asked for the result by post; the result is ready: the worker creates the
    // outbound shipment, and the desk records its hand-over to the post office.
    const desk = await t.tokenFor(Role.Reception);
    const admin = await t.tokenFor(Role.Admin);
    await t.http
      .put(`/api/v1/postal/applications/${code}/return-request`)
      .set('authorization', `Bearer ${desk}`)
      .send({
        receiver: {
          name: 'Bùi Thị Lan',
          phone: '0912345678',
          street: 'Số 3 Phan Đình Phùng',
          commune: 'Phường Thanh Bình',
          province: 'Ninh Bình',
        },
      })
      .expect(200);
    let version = 1;
    for (const action of [A.Start, A.MarkResultReady]) {
      const res = await t.http
        .post(`/api/v1/applications/${code}/${action}`)
        .set('authorization', `Bearer ${admin}`)
        // An administrator's act is recorded as a correction, with its reason.
        .send({ version, correctionReason: 'Kiểm thử: quản trị viên thực hiện thay' });
      expect({ action, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
        action,
        status: 200,
        body: null,
      });
      version = res.body.version;
    }
    await eventually(
      async () =>
        (
          await t.db.query(
            `SELECT count(*)::int AS n FROM postal_shipments WHERE application_id = $1 AND direction = 'outbound'`,
            [rows[0].id],
          )
        ).rows[0].n as number,
      (n) => n === 1,
    );
    await page.reload();
    const outbound = page.getByTestId('shipment').nth(1);
    await outbound.getByTestId('tracking-code').getByText('RR100000017VN').waitFor();
    await outbound.getByLabel('Số biên bản giao nhận').fill('BBGN-KQ-WEB');
    // Now, to the minute, in Hà Nội time: after the shipment was created.
    const hanoiNow = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 16);
    await outbound.getByLabel('Thời điểm ký (giờ Việt Nam)').fill(hanoiNow);
    await outbound.getByLabel('Nhân viên bưu điện ký').fill('Ngô Văn Phát');
    await outbound.getByRole('button', { name: 'Ghi biên bản giao cho bưu điện' }).click();
    await page.getByText('Đã ghi biên bản giao nhận. Trạng thái: Đã giao cho bưu điện.').waitFor();
    await outbound.getByText(/Số BBGN-KQ-WEB, ký lúc/).waitFor();
    await expectUsable(page, 'application detail with the result handed to the post office');
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'postal-03-outbound.png'),
      fullPage: true,
    });
    expect(session.pageErrors).toEqual([]);
  }, 120_000);
});
