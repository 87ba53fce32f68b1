import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Page } from 'playwright-core';
import { OnlineSubmissionRepository } from '@app/database';
import { Role } from '@app/domain';
import { TestApp } from '../setup/test-app';
import { BrowserSession, openBrowserSession, SCREENSHOTS } from './support/browser-session';

/**
 * A citizen on a phone submits online with two uploaded documents and sees the fee and the
 * code; the application is then in the desk's online inbox with its files, and a renamed
 * executable is refused under its field.
 */
describe('online submission page (browser, phone-sized)', () => {
  let t: TestApp;
  let page: Page;
  let base: string;
  let session: BrowserSession;
  let files: string;
  let code: string;

  beforeAll(async () => {
    files = await mkdtemp(path.join(tmpdir(), 'motcua-online-browser-'));
    session = await openBrowserSession({ env: { STORAGE_LOCAL_DIR: files } });
    ({ t, base, page } = session);
    await page.setViewportSize({ width: 390, height: 844 });
    const procedure = await t.factory.procedure({
      onlineLevel: 'full',
      name: 'Cấp bản sao văn bằng',
    });
    code = procedure.code;
    await t.db.query(`UPDATE procedures SET fee_vnd = 20000 WHERE id = $1`, [procedure.id]);
    await t.app
      .get(OnlineSubmissionRepository)
      .setProcedureDocuments(code, ['Đơn đề nghị', 'Ảnh CCCD']);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await rm(files, { recursive: true, force: true });
  });

  const fill = async (exe = false) => {
    // The public rate limit counts per address in the one Redis every test run shares.
    await session.context.setExtraHTTPHeaders({
      'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
    });
    await page.goto(`${base}/app/nop-truc-tuyen`);
    await page.getByLabel('Thủ tục').selectOption(code);
    await page.getByTestId('online-fee').filter({ hasText: '20.000 đồng' }).waitFor();
    await page.getByLabel('Họ và tên').fill('Phạm Minh Châu');
    await page.getByLabel('Số định danh cá nhân/CCCD').fill('001203004567');
    await page.getByLabel('Số điện thoại').fill('0912345678');
    await page.getByLabel('Thư điện tử').fill('chau@example.vn');
    await page.getByLabel('Đơn đề nghị').setInputFiles({
      name: 'don.pdf',
      mimeType: 'application/pdf',
      buffer: exe ? Buffer.from('MZ\x90\x00 not a pdf') : Buffer.from('%PDF-1.4\nđơn'),
    });
    await page.getByLabel('Ảnh CCCD').setInputFiles({
      name: 'cccd.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]),
    });
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  };

  it('refuses a renamed executable under its field', async () => {
    await fill(true);
    await page.getByText('Tệp không hợp lệ').waitFor();
    const { rows } = await t.db.query(`SELECT 1 FROM applications WHERE procedure_code = $1`, [
      code,
    ]);
    expect(rows).toHaveLength(0);
  }, 60_000);

  it('submits with the documents; the desk sees it in the online inbox with its files', async () => {
    await fill();
    const shown = await page.getByTestId('online-code').textContent();
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'online-submission-done.png'),
      fullPage: true,
    });
    expect(await page.getByText('Mới đăng ký (mã 1)').count()).toBe(1);
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const reception = await t.tokenFor(Role.Reception);
    const inbox = await t.http
      .get('/api/v1/online-inbox')
      .set('authorization', `Bearer ${reception}`);
    expect(inbox.body).toContainEqual(expect.objectContaining({ code: shown, fileCount: 2 }));
    expect(session.pageErrors).toEqual([]);
  }, 60_000);
});
