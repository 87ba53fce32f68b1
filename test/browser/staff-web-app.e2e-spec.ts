import path from 'node:path';
import { Locator, Page } from 'playwright-core';
import { Role } from '@app/domain';
import { TestApp } from '../setup/test-app';
import {
  BrowserSession,
  openBrowserSession,
  SCREENSHOTS,
  STEP_TIMEOUT_MS,
} from './support/browser-session';

const vnDateTime = (iso: string) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
};

/**
 * The staff web app end to end in a real browser against the real API: the desk logs an
 * application from the keyboard, the officer takes it to "result ready" through the offered
 * buttons (meeting a concurrent change on the way), the citizen looks it up.
 */
describe('staff web app (browser)', () => {
  let t: TestApp;
  let page: Page;
  let base: string;
  let session: BrowserSession;
  let step = 0;
  let pageErrors: string[] = [];

  const shot = async (name: string) => {
    step += 1;
    await page.screenshot({
      path: path.join(SCREENSHOTS, `${String(step).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };

  const login = async (username: string, password: string) => {
    await page.goto(`${base}/app/`);
    await page.waitForURL('**/app/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.keyboard.press('Enter');
  };

  const logout = async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/app/dang-nhap');
  };

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ t, base, page } = session);
    pageErrors = session.pageErrors;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('desk logs an application, officer takes it to result ready, citizen sees it', async () => {
    const department = await t.factory.department({ name: 'Phòng Giáo dục Trung học' });
    const procedure = await t.factory.procedure({
      departmentId: department.id,
      name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc',
      timeLimitValue: 5,
      timeLimitUnit: 'working_days',
    });
    await t.factory.user({
      role: Role.Reception,
      username: 'tiepnhan_web',
      password: 'matkhau-tiepnhan',
      departmentId: null,
    });
    await t.factory.user({
      role: Role.Officer,
      username: 'chuyenvien_web',
      password: 'matkhau-chuyenvien',
      departmentId: department.id,
    });

    // --- Reception desk, keyboard only ---
    await login('tiepnhan_web', 'matkhau-tiepnhan');
    await page.waitForURL('**/app/tiep-nhan');
    const procedureInput = page.getByRole('combobox', { name: /Thủ tục hành chính/ });
    await expectFocused(procedureInput);
    // Accents are optional when searching.
    await page.keyboard.type('ban sao van bang');
    await page.getByRole('option', { name: /Cấp bản sao văn bằng, chứng chỉ từ sổ gốc/ }).waitFor();
    await shot('desk-procedure-search');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('#procedure-chosen').getByText('5 ngày làm việc').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Nguyễn Thị Hồng Nhung');
    await page.keyboard.press('Tab');
    await page.keyboard.type('001203004567');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12345678'); // not a phone number: the API names the field
    await page.keyboard.press('Enter');
    await page.getByText('Số điện thoại không hợp lệ, ví dụ 0912345678.').waitFor();
    const phone = page.getByLabel('Số điện thoại');
    await expectFocused(phone);
    await shot('desk-validation-error');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0912345678');
    // The message goes as soon as the field is edited, before the next send.
    await page
      .getByText('Số điện thoại không hợp lệ, ví dụ 0912345678.')
      .waitFor({ state: 'detached' });
    await expectFocused(phone);
    await page.keyboard.press('Control+Enter');

    const code = (await page.getByTestId('receipt-code').textContent())!.trim();
    const [logged] = (
      await t.db.query<{ due_at: Date; status: string; procedure_code: string }>(
        'SELECT due_at, status, procedure_code FROM applications WHERE code = $1',
        [code],
      )
    ).rows;
    expect(logged).toMatchObject({ status: 'received', procedure_code: procedure.code });
    expect((await page.getByTestId('receipt-due').textContent())!.trim()).toBe(
      vnDateTime(logged.due_at.toISOString()),
    );
    await expectFocused(page.getByRole('button', { name: 'In phiếu hẹn' }));
    await shot('desk-receipt');
    // Exactly one application, although the first send was refused and the second went through.
    const { rows: count } = await t.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM applications',
    );
    expect(Number(count[0].n)).toBe(1);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ mới' }).click();
    await expectFocused(procedureInput);
    await logout();

    // --- Officer worklist ---
    await login('chuyenvien_web', 'matkhau-chuyenvien');
    await page.waitForURL('**/app/ho-so');
    await page.getByText('Không có hồ sơ nào phù hợp.').waitFor(); // nothing assigned yet
    await page.getByText('Cả phòng').click();
    const row = page.locator(`tr[data-code="${code}"]`);
    await row.waitFor();
    await row.getByText(/Còn \d+ ngày làm việc|Đến hạn trong hôm nay/).waitFor();
    await page.getByRole('button', { name: 'Thông báo' }).click();
    await page.getByText('Chưa có thông báo.').waitFor();
    await page.keyboard.press('Escape');
    await row.getByRole('link', { name: code }).click();
    await page.waitForURL(`**/app/ho-so/${code}`);
    const detail = page.locator('.detail');
    await detail.getByText('Quá trình xử lý').waitFor();
    expect(await actionButtons(page)).toEqual(['Bắt đầu xử lý']); // availableActions, nothing else
    await shot('worklist-detail');

    await detail.getByRole('button', { name: 'Bắt đầu xử lý' }).click();
    await detail.getByRole('button', { name: 'Xác nhận: Bắt đầu xử lý' }).click();
    await expectStatus(page, 'Đang xử lý');

    // Someone else changes the application while the officer fills in a form: 409, refreshed.
    await detail.getByRole('button', { name: 'Đã có kết quả' }).click();
    const head = await t.tokenFor(Role.Head, department.id);
    const { rows: current } = await t.db.query<{ id: string; version: number }>(
      'SELECT id, version FROM applications WHERE code = $1',
      [code],
    );
    await t.http
      .post(`/api/v1/applications/${current[0].id}/request-supplement`)
      .set('authorization', `Bearer ${head}`)
      .send({ version: current[0].version, items: ['Bản sao CCCD'], reason: 'Thiếu giấy tờ' })
      .expect(200);
    await detail.getByRole('button', { name: 'Xác nhận: Đã có kết quả' }).click();
    await detail.getByText('Hồ sơ vừa được người khác cập nhật').waitFor();
    await expectStatus(page, 'Yêu cầu bổ sung giấy tờ');
    await shot('worklist-conflict-refreshed');

    await detail.getByRole('button', { name: 'Nhận hồ sơ bổ sung' }).click();
    // The form focuses its first field after it renders: type only once it has, or a busy
    // machine loses the keystrokes (and the Ctrl+Enter) before the field exists.
    // What was received is recorded (issue 15 point 10): the form's first field.
    await expectFocused(detail.getByLabel('Giấy tờ đã nhận bổ sung (mỗi dòng một loại)'));
    await page.keyboard.type('Bản sao CCCD');
    await page.keyboard.press('Control+Enter');
    await expectStatus(page, 'Đang xử lý');
    await detail.getByRole('button', { name: 'Đã có kết quả' }).click();
    await detail.getByRole('button', { name: 'Xác nhận: Đã có kết quả' }).click();
    await expectStatus(page, 'Đã xử lý xong');
    await detail.getByText('Nhận hồ sơ bổ sung', { exact: false }).first().waitFor();
    await shot('worklist-result-ready');
    await logout();

    // --- Citizen's status page, opened as the receipt's QR code would ---
    await page.goto(`${base}/app/tra-cuu?code=${encodeURIComponent(code)}`);
    await expectFocused(page.getByLabel('4 số cuối điện thoại'));
    await page.keyboard.type('5678');
    await page.keyboard.press('Enter');
    await expectText(page.getByTestId('public-status'), 'Đã xử lý xong');
    await page.getByText('Ngày hẹn trả kết quả').waitFor();
    await shot('public-status');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

// The page's own objects, typed here because the tests compile without the DOM library.
type InPage = { ownerDocument: { activeElement: unknown } } | null;

async function expectFocused(locator: Locator): Promise<void> {
  await locator.waitFor();
  await locator
    .page()
    .waitForFunction(
      (el: InPage) => el !== null && el.ownerDocument.activeElement === el,
      (await locator.elementHandle()) as unknown as InPage,
      { timeout: STEP_TIMEOUT_MS },
    );
}

async function expectStatus(page: Page, label: string): Promise<void> {
  await expectText(page.getByTestId('detail-status'), label);
}

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
  expect((await locator.textContent())!.trim()).toBe(text);
}

async function actionButtons(page: Page): Promise<string[]> {
  const buttons = page.locator('.detail__actions button');
  return (await buttons.allTextContents()).map((s) => s.trim());
}
