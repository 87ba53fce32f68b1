import path from 'node:path';
import { Page } from 'playwright-core';
import { Role, toLocalDate } from '@app/domain';
import { WorkingCalendarService } from '@app/database';
import { TestApp } from '../setup/test-app';
import { createDriver } from '../e2e/support/drive';
import { BrowserSession, openBrowserSession, SCREENSHOTS } from './support/browser-session';
import { expectUsable } from './support/usable';

/**
 * Administration in the browser: an account created (a refused password shown under its field
 * in Vietnamese and cleared when retyped), then locked with a new password; a division added;
 * a procedure's time limit saved as a new version; a day off previewed (the open application it
 * would move is named) and saved.
 */
describe('administration (browser)', () => {
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

  const one = async (sql: string, params: unknown[] = []) =>
    (await t.db.query(sql, params)).rows[0];

  it('users, divisions, procedures and the calendar with its what-if', async () => {
    const d = await createDriver(t, { timeLimitValue: 5 });
    const created = await d.intake(await d.adminToken());
    expect(created.status).toBe(201);
    await t.factory.user({
      role: Role.Admin,
      username: 'quantri_web',
      password: 'matkhau-quantri',
    });

    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('quantri_web');
    await page.getByLabel('Mật khẩu').fill('matkhau-quantri');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/bang-dieu-khien');
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.waitForURL('**/app/quan-tri');

    // Users: a refused field, cleared as soon as it is retyped, then created.
    const form = page.getByRole('form', { name: 'Tạo tài khoản' });
    await form.getByLabel('Tên đăng nhập').fill('chuyenvien_moi');
    await form.getByLabel('Họ và tên').fill('Nguyễn Văn Mới');
    await form.getByLabel('Mật khẩu ban đầu').fill('123');
    await form.getByLabel('Phòng').selectOption(d.departmentId);
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const passwordError = form.locator('#new-user-password-error');
    await passwordError.waitFor();
    expect(await passwordError.innerText()).toMatch(/ký tự|Mật khẩu/);
    expect(await passwordError.innerText()).not.toMatch(/must|characters/);
    await form.getByLabel('Mật khẩu ban đầu').fill('mat-khau-rat-dai-2026');
    await passwordError.waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Đã tạo tài khoản chuyenvien_moi.').waitFor();
    expect(
      await one(
        `SELECT role, department_id AS "departmentId", active FROM users WHERE username = 'chuyenvien_moi'`,
      ),
    ).toEqual({
      role: 'officer',
      departmentId: d.departmentId,
      active: true,
    });
    await expectUsable(page, 'admin users');

    await page.getByRole('button', { name: 'Sửa tài khoản chuyenvien_moi' }).click();
    const edit = page.getByRole('form', { name: 'Sửa tài khoản chuyenvien_moi' });
    await edit.getByLabel('Vai trò').selectOption('head');
    await edit.getByLabel(/Đang hoạt động/).uncheck();
    await edit.getByLabel('Đặt lại mật khẩu').fill('mat-khau-moi-cua-truong-phong');
    const hashBefore = (
      await one(`SELECT password_hash AS h FROM users WHERE username = 'chuyenvien_moi'`)
    ).h;
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu tài khoản chuyenvien_moi.').waitFor();
    const after = await one(
      `SELECT role, active, password_hash AS h FROM users WHERE username = 'chuyenvien_moi'`,
    );
    expect({ role: after.role, active: after.active, changed: after.h !== hashBefore }).toEqual({
      role: 'head',
      active: false,
      changed: true,
    });

    // Divisions.
    await page.getByRole('link', { name: 'Phòng, đơn vị' }).click();
    const dept = page.getByRole('form', { name: 'Thêm phòng' });
    await dept.getByLabel('Mã phòng').fill('KTKD');
    await dept.getByLabel('Tên phòng').fill('Phòng Khảo thí và Kiểm định');
    await dept.getByLabel('Mã cơ quan').fill('000.00.12.H00');
    await dept.getByRole('button', { name: 'Thêm phòng' }).click();
    await page.getByText('Đã thêm Phòng Khảo thí và Kiểm định.').waitFor();
    expect(await one(`SELECT count(*)::int AS n FROM departments WHERE code = 'KTKD'`)).toEqual({
      n: 1,
    });
    await expectUsable(page, 'admin divisions');

    // Procedures: a new version with another time limit and the legal review chain.
    await page.getByRole('link', { name: 'Thủ tục' }).click();
    await page.getByRole('button', { name: `Sửa thủ tục ${d.procedureCode}` }).click();
    const proc = page.getByRole('form', { name: `Sửa thủ tục ${d.procedureCode}` });
    await proc.getByLabel('Thời hạn giải quyết').fill('7');
    expect(await proc.getByLabel('Trình duyệt, ký kết quả').inputValue()).toBe('none');
    await proc.getByLabel('Trình duyệt, ký kết quả').selectOption('head-director');
    await proc.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await page
      .getByText(
        new RegExp(`Đã lưu phiên bản 2 của thủ tục ${d.procedureCode.replace('.', '\\.')}`),
      )
      .waitFor();
    expect(
      await one(`SELECT time_limit_value AS v FROM procedures WHERE code = $1 AND is_current`, [
        d.procedureCode,
      ]),
    ).toEqual({ v: 7 });
    expect(
      await one(`SELECT review_chain AS c FROM procedures WHERE code = $1 AND is_current`, [
        d.procedureCode,
      ]),
    ).toEqual({
      c: [
        { stage: 'review', role: 'head' },
        { stage: 'sign', role: 'director' },
      ],
    });
    await page
      .locator(`[data-code="${d.procedureCode}"]`)
      .getByTestId('review-chain')
      .getByText('Trình duyệt: Trưởng phòng xem xét, duyệt → Lãnh đạo Sở ký kết quả')
      .waitFor();
    await expectUsable(page, 'admin procedures');

    // Calendar: a day off inside the open application's deadline, previewed, then saved.
    const calendar = await t.app.get(WorkingCalendarService, { strict: false }).current();
    const dayOff = calendar.addWorkingDays(toLocalDate(new Date(created.body.receivedAt)), 1);
    await page.getByRole('link', { name: 'Lịch nghỉ' }).click();
    await page.getByLabel('Năm').fill(dayOff.slice(0, 4));
    await page.getByLabel('Năm').press('Enter');
    await page.locator('#override-date').fill(dayOff);
    await page.getByLabel('Lý do').fill('Nghỉ theo thông báo của tỉnh');
    await page.getByLabel('Căn cứ (số thông báo)').fill('TB 12/UBND');
    await page.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    expect(await page.getByRole('button', { name: /Lưu lịch năm/ }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Xem trước ảnh hưởng' }).click();
    const preview = page.getByTestId('preview');
    await preview
      .locator(`tr[data-code="${created.body.code}"]`)
      .getByText(/Lùi \d+ ngày/)
      .waitFor();
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'admin-01-calendar-preview.png'),
      fullPage: true,
    });
    await expectUsable(page, 'admin calendar');
    await page.getByRole('button', { name: /Lưu lịch năm/ }).click();
    await page.getByText(/Đã lưu lịch năm/).waitFor();
    expect(
      await one(`SELECT kind, source FROM calendar_overrides WHERE date = $1`, [dayOff]),
    ).toEqual({ kind: 'day_off', source: 'TB 12/UBND' });
    expect(session.pageErrors).toEqual([]);
  }, 120_000);
});
