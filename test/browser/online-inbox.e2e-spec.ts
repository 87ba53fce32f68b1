import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Page } from 'playwright-core';
import { ApplicationFilesService, OnlineSubmissionService } from '@app/core';
import { OnlineSubmissionRepository } from '@app/database';
import { Role } from '@app/domain';
import { TestApp } from '../setup/test-app';
import { BrowserSession, openBrowserSession, SCREENSHOTS } from './support/browser-session';
import { expectUsable } from './support/usable';

const PDF = Buffer.from('%PDF-1.4\nđơn đề nghị');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);

/**
 * The desk's online inbox on a small phone (360 px): the applications submitted online with
 * the time left for the check (a missed one says so), the uploaded files saved from the list,
 * a refusal with reasons (Vietnamese, ticked and written) and an acceptance that starts the
 * clock; the accepted application's detail lists its files.
 */
describe('online inbox (browser, 360 px)', () => {
  let t: TestApp;
  let page: Page;
  let base: string;
  let session: BrowserSession;
  let files: string;

  beforeAll(async () => {
    files = await mkdtemp(path.join(tmpdir(), 'motcua-inbox-browser-'));
    session = await openBrowserSession({ env: { STORAGE_LOCAL_DIR: files } });
    ({ t, base, page } = session);
    await page.setViewportSize({ width: 360, height: 740 });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await rm(files, { recursive: true, force: true });
  });

  const submit = async (procedureCode: string, fullName: string) => {
    const uploads = t.app.get(ApplicationFilesService);
    const don = await uploads.upload(PDF, 'don.pdf');
    const cccd = await uploads.upload(PNG, 'cccd.png');
    return t.app.get(OnlineSubmissionService).submit({
      procedureCode,
      applicant: { fullName, idNumber: '001203004567', phone: '0912345678', email: 'a@example.vn' },
      files: [
        { id: don.id, uploadToken: don.uploadToken, documentName: 'Đơn đề nghị' },
        { id: cccd.id, uploadToken: cccd.uploadToken, documentName: 'Ảnh CCCD' },
      ],
    });
  };

  it('lists with the time left, saves a file, refuses with reasons, accepts', async () => {
    const procedure = await t.factory.procedure({
      onlineLevel: 'full',
      name: 'Cấp bản sao văn bằng',
    });
    await t.app
      .get(OnlineSubmissionRepository)
      .setProcedureDocuments(procedure.code, ['Đơn đề nghị', 'Ảnh CCCD']);
    const late = await submit(procedure.code, 'Phạm Minh Châu');
    const fresh = await submit(procedure.code, 'Đỗ Thị Lan');
    await t.db.query(
      `UPDATE applications SET online_check_due_at = now() - interval '2 hours' WHERE code = $1`,
      [late.code],
    );
    await t.factory.user({
      role: Role.Reception,
      username: 'motcua_tt',
      password: 'matkhau-motcua',
    });

    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('motcua_tt');
    await page.getByLabel('Mật khẩu').fill('matkhau-motcua');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/tiep-nhan');
    await page.getByRole('link', { name: 'Trực tuyến', exact: true }).click();
    await page.getByRole('heading', { name: 'Hồ sơ nộp trực tuyến chờ tiếp nhận' }).waitFor();
    const lateItem = page.getByTestId('online-item').filter({ hasText: late.code });
    const freshItem = page.getByTestId('online-item').filter({ hasText: fresh.code });
    await lateItem.getByText(/^Quá hạn kiểm tra/).waitFor();
    await freshItem.getByText(/^(Còn \d+ ngày làm việc|Đến hạn trong hôm nay)$/).waitFor();
    // The nearest check deadline first.
    expect(await page.getByTestId('online-item').first().textContent()).toContain(late.code);
    await page.waitForLoadState('networkidle');
    await expectUsable(page, 'online inbox');

    await lateItem.getByRole('button', { name: 'Xem giấy tờ (2)' }).click();
    await lateItem.getByTestId('file-item').filter({ hasText: 'Ảnh CCCD' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      lateItem.getByRole('button', { name: 'Tải về: Đơn đề nghị' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('don.pdf');
    expect(readFileSync(await download.path())).toEqual(PDF);
    await expectUsable(page, 'online inbox with files');

    await lateItem.getByRole('button', { name: 'Từ chối' }).click();
    await lateItem.getByRole('button', { name: 'Xác nhận từ chối' }).click();
    await lateItem.getByText('Chọn hoặc ghi ít nhất một lý do từ chối.').waitFor();
    await lateItem.getByLabel('Thành phần hồ sơ không đầy đủ theo quy định của thủ tục').check();
    await lateItem
      .getByLabel('Lý do khác (mỗi dòng một lý do)')
      .fill('Ảnh CCCD bị mờ, không đọc được');
    await expectUsable(page, 'online refusal form');
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'online-inbox-refuse.png'),
      fullPage: true,
    });
    await lateItem.getByRole('button', { name: 'Xác nhận từ chối' }).click();
    await page.getByText(`Đã từ chối tiếp nhận hồ sơ ${late.code}.`).waitFor();

    await freshItem.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await page.getByText(`Đã tiếp nhận hồ sơ ${fresh.code}. Hẹn trả kết quả:`).waitFor();
    await page.getByText('Không có hồ sơ trực tuyến nào chờ tiếp nhận.').waitFor();

    const { rows } = await t.db.query<{ code: string; status: string; received: boolean }>(
      `SELECT code, status, received_at IS NOT NULL AS received FROM applications
        WHERE code = ANY($1) ORDER BY code = $2 DESC`,
      [[late.code, fresh.code], late.code],
    );
    expect(rows).toEqual([
      { code: late.code, status: 'not_accepted', received: false },
      { code: fresh.code, status: 'received', received: true },
    ]);
    const refusal = await t.db.query<{ payload: { reasons: string[] } }>(
      `SELECT h.payload FROM application_history h JOIN applications a ON a.id = h.application_id
        WHERE a.code = $1 AND h.action = 'refuse'`,
      [late.code],
    );
    expect(refusal.rows[0].payload.reasons).toEqual([
      'Thành phần hồ sơ không đầy đủ theo quy định của thủ tục',
      'Ảnh CCCD bị mờ, không đọc được',
    ]);

    // The accepted application's detail keeps its files.
    await page.goto(`${base}/app/ho-so/${encodeURIComponent(fresh.code)}`);
    const panel = page.getByTestId('files-panel');
    await panel.getByRole('heading', { name: 'Giấy tờ điện tử đã nộp' }).waitFor();
    expect(await panel.getByTestId('file-item').count()).toBe(2);
    await page.waitForLoadState('networkidle');
    await expectUsable(page, 'detail with uploaded files');
    expect(session.pageErrors).toEqual([]);
  }, 120_000);
});
