import { randomInt } from 'node:crypto';
import path from 'node:path';
import { Page } from 'playwright-core';
import { PetitionService } from '@app/core';
import { Role } from '@app/domain';
import { TestApp } from '../setup/test-app';
import { BrowserSession, openBrowserSession, SCREENSHOTS } from './support/browser-session';
import { expectUsable } from './support/usable';

/**
 * PAKN on a small phone (360 px), every page: a citizen's public form (fields refused in
 * Vietnamese, then the code and the answer's due date), the desk's list by status with the
 * deadline that binds next and the time left, the detail acting on the lifecycle (start,
 * answer, publish; clarification then refusal with a reason; a forward with its own deadline;
 * a petition recorded at the desk), and the public, searchable list of published answers
 * with the petitioner's data removed.
 */
describe('PAKN pages (browser, 360 px)', () => {
  let t: TestApp;
  let page: Page;
  let base: string;
  let session: BrowserSession;

  beforeAll(async () => {
    // Each run speaks from its own made-up address: the public rate limit is shared in Redis.
    session = await openBrowserSession({ env: { TRUSTED_PROXIES: '127.0.0.1,::1' } });
    ({ t, base, page } = session);
    await session.context.setExtraHTTPHeaders({
      'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
    });
    await page.setViewportSize({ width: 360, height: 740 });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const shot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `pakn-${name}.png`), fullPage: true });
  const status = () => page.getByTestId('petition-status');
  /** Opens an action's form, fills its fields, confirms, and waits for the new status. */
  const act = async (action: string, fields: Record<string, string>, expected: string) => {
    const detail = page.getByTestId('petition-detail');
    await detail.getByRole('button', { name: action, exact: true }).click();
    for (const [label, value] of Object.entries(fields)) {
      await detail.getByLabel(label).fill(value);
    }
    await detail.getByRole('button', { name: `Xác nhận: ${action.toLowerCase()}` }).click();
    await status().filter({ hasText: expected }).waitFor();
  };

  it('public form, staff list and lifecycle, published answers', async () => {
    // The citizen's form.
    // Opened from a status page's link: the application's code is filled in.
    await page.goto(`${base}/app/phan-anh-kien-nghi?ho-so=SGD-KHONG-CO`);
    await page.getByRole('heading', { name: 'Gửi phản ánh, kiến nghị' }).waitFor();
    await expectUsable(page, 'PAKN public form');
    await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị', exact: true }).click();
    await page.locator('#pakn-title-error').getByText('Bắt buộc nhập.').waitFor();
    await page.locator('#pakn-fullName-error').getByText('Bắt buộc nhập.').waitFor();
    await page.getByLabel('Tiêu đề').fill('Chậm cấp bản sao văn bằng');
    await page
      .getByLabel('Nội dung phản ánh, kiến nghị')
      .fill('Tôi là Nguyễn Văn An, gọi 0912 345 678. Hồ sơ nộp đã quá hẹn một tuần.');
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await page.getByLabel('Địa chỉ liên hệ').fill('12 Lê Lợi, phường Đông Thành');
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0912345678');
    await page.getByLabel(/Đồng ý công khai/).check();
    expect(await page.getByLabel('Mã hồ sơ').inputValue()).toBe('SGD-KHONG-CO');
    await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị', exact: true }).click();
    await page
      .locator('#pakn-applicationCode-error')
      .getByText('Không có hồ sơ nào mang mã này. Kiểm tra lại mã trên giấy hẹn.')
      .waitFor();
    await page.getByLabel('Mã hồ sơ').fill('');
    await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị', exact: true }).click();
    const code = (await page.getByTestId('petition-code').textContent())!.trim();
    await page.getByTestId('petition-answer-due').waitFor();
    await expectUsable(page, 'PAKN sent');
    await shot('01-sent');

    // Two more, to refuse after a clarification and to forward.
    const petitions = t.app.get(PetitionService);
    const intake = (title: string) =>
      petitions.receive(
        {
          channel: 'post',
          title,
          content: 'Nội dung không rõ.',
          petitioner: { fullName: 'Lê Thị Hoa', address: '3 Hai Bà Trưng' },
          consentToPublish: false,
        },
        null,
      );
    const unclear = await intake('Phản ánh chưa rõ');
    const elsewhere = await intake('Việc của Sở khác');

    const desk = await t.factory.user({
      role: Role.Reception,
      username: 'motcua_pakn',
      password: 'matkhau-pakn',
    });
    // A reminder from the worker's sweep (same row shape): the bell leads to the petition.
    await t.db.query(
      `INSERT INTO notifications (user_id, kind, application_id, title, body, created_at)
       VALUES ($1, 'petition_deadline', NULL, $2, 'Đề nghị xử lý kịp thời.', now())`,
      [desk.id, `Phản ánh ${unclear.code} sắp hết thời hạn đề nghị người gửi làm rõ nội dung`],
    );
    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('motcua_pakn');
    await page.getByLabel('Mật khẩu').fill('matkhau-pakn');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/tiep-nhan');
    await page.getByTestId('bell').click();
    await page
      .getByRole('button', { name: new RegExp(`Phản ánh ${unclear.code} sắp hết`) })
      .click();
    await page.waitForURL(`**/app/pakn/${unclear.code}`);
    await status().filter({ hasText: 'Đã tiếp nhận' }).waitFor();
    await page.getByRole('link', { name: 'Phản ánh', exact: true }).click();
    await page.getByRole('heading', { name: 'Phản ánh, kiến nghị', exact: true }).waitFor();
    const row = page.locator(`tr[data-code="${code}"]`);
    await row.getByText(/Hạn từ chối tiếp nhận: \d\d\/\d\d\/\d{4}/).waitFor();
    await row.getByText(/^(Còn \d+ ngày làm việc|Đến hạn trong hôm nay)$/).waitFor();
    await page.waitForLoadState('networkidle');
    await expectUsable(page, 'PAKN staff list');

    // Start, answer, publish.
    await row.getByRole('link', { name: code }).click();
    await status().filter({ hasText: 'Đã tiếp nhận' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectUsable(page, 'PAKN detail');
    await act('Bắt đầu xử lý', {}, 'Đang xử lý');
    await act(
      'Trả lời',
      { 'Nội dung trả lời': 'Sở đã trả kết quả cho ông Nguyễn Văn An ngày 10/5.' },
      'Đã trả lời',
    );
    await page
      .locator('[data-deadline="publish"]')
      .getByText(/Hạn công khai/)
      .waitFor();
    await act('Công khai', {}, 'Đã công khai');
    await shot('02-published');

    // Clarification, then refusal with its reason.
    await page.goto(`${base}/app/pakn/${unclear.code}`);
    await act(
      'Đề nghị làm rõ',
      { 'Nội dung đề nghị làm rõ': 'Nêu rõ hồ sơ nào.' },
      'Đề nghị làm rõ',
    );
    await act(
      'Không tiếp nhận',
      { 'Lý do không tiếp nhận xử lý': 'Người gửi không làm rõ nội dung.' },
      'Không được tiếp nhận xử lý',
    );
    // A forward, with the competent body's own deadline.
    await page.goto(`${base}/app/pakn/${elsewhere.code}`);
    await act(
      'Chuyển cơ quan có thẩm quyền',
      { 'Cơ quan có thẩm quyền được chuyển đến': 'Sở Nội vụ' },
      'Đã chuyển cơ quan có thẩm quyền',
    );
    const forwardDue = /Hạn trả lời của Sở Nội vụ: \d\d\/\d\d\/\d{4}/;
    await page.getByTestId('petition-detail').getByText(forwardDue).waitFor();
    // The list follows: the forward's own deadline binds now.
    await page.locator(`tr[data-code="${elsewhere.code}"]`).getByText(forwardDue).waitFor();
    await expectUsable(page, 'PAKN forwarded');

    // Recorded at the desk (by phone).
    await page.getByRole('button', { name: 'Ghi nhận phản ánh mới' }).click();
    await page.getByLabel('Hình thức tiếp nhận').selectOption('phone');
    await page.getByLabel('Tiêu đề').fill('Phản ánh qua đường dây nóng');
    await page.getByLabel('Nội dung phản ánh, kiến nghị').fill('Cán bộ hẹn trả sai ngày.');
    await page.getByLabel('Họ và tên').fill('Võ Văn Tâm');
    await page.getByLabel('Địa chỉ liên hệ').fill('7 Nguyễn Huệ');
    await expectUsable(page, 'PAKN desk form');
    await page.getByRole('button', { name: 'Ghi nhận phản ánh', exact: true }).click();
    await page
      .getByTestId('petition-detail')
      .getByText('Phản ánh qua đường dây nóng')
      .first()
      .waitFor();

    const { rows } = await t.db.query<{ code: string; status: string; channel: string }>(
      `SELECT code, status, channel FROM petitions ORDER BY received_at, code`,
    );
    expect(new Map(rows.map((r) => [r.code, r.status]))).toEqual(
      new Map([
        [code, 'published'],
        [unclear.code, 'not_accepted'],
        [elsewhere.code, 'forwarded'],
        [rows.find((r) => r.channel === 'phone')!.code, 'received'],
      ]),
    );

    // The public list: redacted, searchable.
    await page.goto(`${base}/app/tra-loi-phan-anh-kien-nghi`);
    const published = page.getByTestId('published-petition');
    await published.filter({ hasText: code }).waitFor();
    const text = await published.filter({ hasText: code }).innerText();
    expect(text).toContain('[đã ẩn]');
    expect(text).not.toMatch(/Nguyễn Văn An|0912 345 678/);
    expect(await published.count()).toBe(1);
    await expectUsable(page, 'PAKN published answers');
    await page.getByLabel('Tìm theo từ khóa').fill('bản sao văn bằng');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/q=/);
    await published.filter({ hasText: code }).waitFor();
    await page.getByLabel('Tìm theo từ khóa').fill('không có từ này');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByText('Không có câu trả lời nào chứa “không có từ này”.').waitFor();
    await shot('03-public-list');
    expect(session.pageErrors).toEqual([]);
  }, 180_000);
});
