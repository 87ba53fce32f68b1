import path from 'node:path';
import { Page } from 'playwright-core';
import { Role } from '@app/domain';
import { TestApp } from '../setup/test-app';
import { BrowserSession, openBrowserSession, SCREENSHOTS } from './support/browser-session';
import { expectUsable } from './support/usable';

/** What reasons.js says when it knows no better: the API's English must never show instead. */
const FALLBACK = 'Giá trị không hợp lệ.';
/** An element by id: procedure codes hold dots, which a CSS #id selector would misread. */
const byId = (id: string) => `[id="${id}"]`;
const ENGLISH = /\b(must|should|is not|listed|twice|repeats|received it|document|required)\b/i;

/**
 * Intake by checklist in the browser (issue 10 item 5): the admin edits a procedure's
 * required documents; the desk ticks them, meets the short-checklist path (Mẫu 02), then
 * receives a complete dossier; at 360 px nothing overflows and axe finds nothing serious.
 * And every reason the API gives for these refusals reads in Vietnamese in the web app.
 */
describe('intake by checklist (browser)', () => {
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

  const login = async (username: string, password: string, landing: string) => {
    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${landing}`);
  };

  const chooseProcedure = async (name: string) => {
    await page.getByRole('combobox', { name: /Thủ tục hành chính/ }).fill(name);
    await page.getByRole('option', { name: new RegExp(name) }).click();
    await page.getByTestId('checklist').waitFor();
  };

  const fillApplicant = async (fullName: string) => {
    await page.getByLabel('Họ và tên').fill(fullName);
    await page.getByLabel('Số định danh cá nhân/CCCD').fill('001203004567');
    await page.getByLabel('Số điện thoại').fill('0912345678');
  };

  it('admin edits the list; the desk checks it, turns a short dossier away, receives a full one', async () => {
    const department = await t.factory.department({ name: 'Phòng Giáo dục Trung học' });
    const procedure = await t.factory.procedure({
      departmentId: department.id,
      name: 'Cấp bản sao văn bằng từ sổ gốc',
    });
    await t.factory.user({ role: Role.Admin, username: 'quantri_ds', password: 'matkhau-quantri' });
    await t.factory.user({
      role: Role.Reception,
      username: 'tiepnhan_ds',
      password: 'matkhau-tiepnhan',
      departmentId: null,
    });

    // --- Admin: the procedure's required documents ---
    await login('quantri_ds', 'matkhau-quantri', '/app/bang-dieu-khien');
    await page.goto(`${base}/app/quan-tri?muc=thu-tuc`);
    await page
      .getByRole('button', { name: `Thành phần hồ sơ của thủ tục ${procedure.code}` })
      .click();
    const list = page.getByRole('form', { name: `Thành phần hồ sơ của thủ tục ${procedure.code}` });
    await list.getByText('Thủ tục chưa có danh mục giấy tờ.').waitFor();
    await list.getByRole('button', { name: '+ Thêm giấy tờ' }).click();
    await list.getByLabel('Giấy tờ 1', { exact: true }).fill('Đơn đề nghị cấp bản sao');
    await list.locator(byId(`doc-${procedure.code}-0-form`)).selectOption('original');
    await list.getByRole('button', { name: '+ Thêm giấy tờ' }).click();
    await list.getByLabel('Giấy tờ 2', { exact: true }).fill('Giấy khai sinh');
    await list.locator(byId(`doc-${procedure.code}-1-copies`)).fill('0');
    await list.getByRole('button', { name: 'Lưu thành phần hồ sơ' }).click();
    // The API's "must be a whole number from 1 to 99", in Vietnamese under the field.
    const copiesError = list.locator(byId(`doc-${procedure.code}-1-copies-error`));
    await copiesError.waitFor();
    expect(await copiesError.innerText()).toBe('Nhập số nguyên từ 1 đến 99.');
    await list.locator(byId(`doc-${procedure.code}-1-copies`)).fill('2');
    await copiesError.waitFor({ state: 'detached' });
    await list.getByRole('button', { name: 'Lưu thành phần hồ sơ' }).click();
    await page.getByText(`Đã lưu thành phần hồ sơ của thủ tục ${procedure.code}.`).waitFor();
    const { rows: saved } = await t.db.query(
      `SELECT position, name, form, copies, active FROM procedure_documents
       WHERE procedure_code = $1 ORDER BY position`,
      [procedure.code],
    );
    expect(saved).toEqual([
      { position: 1, name: 'Đơn đề nghị cấp bản sao', form: 'original', copies: 1, active: true },
      { position: 2, name: 'Giấy khai sinh', form: 'copy', copies: 2, active: true },
    ]);
    expect(
      await one(
        `SELECT count(*)::int AS n FROM security_audit_log WHERE event = 'procedure.documents.changed'`,
      ),
    ).toEqual({ n: 1 });
    await expectUsable(page, 'admin procedure documents');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/app/dang-nhap');

    // --- Desk: a short checklist is not received; Mẫu 02 names what is missing ---
    await login('tiepnhan_ds', 'matkhau-tiepnhan', '/app/tiep-nhan');
    await chooseProcedure('Cấp bản sao văn bằng từ sổ gốc');
    const checklist = page.getByTestId('checklist');
    await checklist.getByLabel('Đơn đề nghị cấp bản sao', { exact: true }).check();
    await fillApplicant('Lê Thị Thu');
    await page.getByTestId('checklist-missing').getByText('Giấy khai sinh').waitFor();
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await checklist.getByText(/Hồ sơ còn thiếu giấy tờ theo quy định/).waitFor();
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'checklist-01-short.png'),
      fullPage: true,
    });
    await expectUsable(page, 'desk checklist short');
    expect(await one(`SELECT count(*)::int AS n FROM applications`)).toEqual({ n: 0 });

    await page.getByRole('button', { name: 'Lập phiếu yêu cầu bổ sung (Mẫu 02)' }).click();
    const guidanceCode = (await page.getByTestId('guidance-code').textContent())!.trim();
    expect(await page.getByTestId('guidance-items').innerText()).toBe('Giấy khai sinh');
    const turnedAway = await one(
      `SELECT a.status, h.payload->'items' AS items FROM applications a
       JOIN application_history h ON h.application_id = a.id WHERE a.code = $1`,
      [guidanceCode],
    );
    expect(turnedAway).toEqual({ status: 'incomplete_at_desk', items: ['Giấy khai sinh'] });
    await expectUsable(page, 'desk guidance');

    // --- Desk: the full dossier, a bad count fixed before sending ---
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ mới' }).click();
    await chooseProcedure('Cấp bản sao văn bằng từ sổ gốc');
    await checklist.getByLabel('Đơn đề nghị cấp bản sao', { exact: true }).check();
    await checklist.getByLabel('Giấy khai sinh', { exact: true }).check();
    await checklist.locator('#f-checklist-1-form').selectOption('original');
    await checklist.locator('#f-checklist-1-copies').fill('100');
    await page.getByTestId('checklist-complete').waitFor();
    await fillApplicant('Lê Thị Thu');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await checklist
      .locator('#f-checklist-1-copies-error')
      .getByText('Số bản từ 1 đến 99.')
      .waitFor();
    await checklist.locator('#f-checklist-1-copies').fill('1');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    const code = (await page.getByTestId('receipt-code').textContent())!.trim();
    expect((await page.getByTestId('receipt-documents').innerText()).trim()).toBe(
      '2 giấy tờ theo quy định',
    );
    const { rows: received } = await t.db.query(
      `SELECT r.position, r.name, r.form, r.copies FROM application_received_documents r
       JOIN applications a ON a.id = r.application_id WHERE a.code = $1 ORDER BY r.position`,
      [code],
    );
    expect(received).toEqual([
      { position: 1, name: 'Đơn đề nghị cấp bản sao', form: 'original', copies: 1 },
      { position: 2, name: 'Giấy khai sinh', form: 'original', copies: 1 },
    ]);
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'checklist-02-receipt.png'),
      fullPage: true,
    });

    // --- 360 px: the checklist at the desk fits a small phone ---
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ mới' }).click();
    await chooseProcedure('Cấp bản sao văn bằng từ sổ gốc');
    await page.getByTestId('checklist').getByLabel('Giấy khai sinh', { exact: true }).check();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'checklist-03-360.png'), fullPage: true });
    await expectUsable(page, 'desk checklist 360 px');
    await page.setViewportSize({ width: 1366, height: 900 });
    expect(session.pageErrors).toEqual([]);
  }, 180_000);

  it('shows every reason the API gives for these refusals in Vietnamese', async () => {
    const admin = await t.tokenFor(Role.Admin);
    const desk = await t.tokenFor(Role.Reception);
    const procedure = await t.factory.procedure();
    const other = await t.factory.procedure();
    const put = (code: string, documents: unknown) =>
      t.http
        .put(`/api/v1/procedures/${code}/documents`)
        .set('authorization', `Bearer ${admin}`)
        .send({ documents });
    const doc = { name: 'Đơn đề nghị', form: 'copy', copies: 1, active: true };
    const [mine] = (await put(procedure.code, [doc]).expect(200)).body as Array<{ id: string }>;
    const [theirs] = (await put(other.code, [doc]).expect(200)).body as Array<{ id: string }>;
    const intake = (body: object) =>
      t.http
        .post('/api/v1/applications')
        .set('authorization', `Bearer ${desk}`)
        .send({
          procedureCode: procedure.code,
          channel: 'direct',
          applicant: { fullName: 'Lê Văn A', idNumber: '001203004567', phone: '0912345678' },
          ...body,
        });
    // The one received document cannot be removed afterwards.
    await intake({ checklist: [{ documentId: mine.id, form: 'copy', copies: 1 }] }).expect(201);
    const refusals = [
      await intake({ checklist: [{ documentId: theirs.id, form: 'copy', copies: 1 }] }),
      await intake({
        checklist: [
          { documentId: mine.id, form: 'copy', copies: 1 },
          { documentId: mine.id, form: 'copy', copies: 1 },
        ],
      }),
      await intake({ checklist: [{ documentId: mine.id, form: 'scan', copies: 0 }] }),
      await intake({ checklist: [{ documentId: 'x', form: 'copy', copies: 1 }] }),
      await intake({ checklist: [] }),
      await intake({ applicant: { fullName: 'Lê Văn A', idNumber: '12', phone: '12' } }),
      await put(procedure.code, [
        { ...doc, copies: 100 },
        { ...doc, form: 'x' },
      ]),
      await put(procedure.code, [{ ...doc, id: theirs.id }]),
      await put(procedure.code, []),
    ];
    const reasons = refusals.flatMap((r) => {
      expect(r.status).toBe(400);
      return (r.body.details as Array<{ reason: string }>).map((x) => x.reason);
    });
    expect(reasons.length).toBeGreaterThanOrEqual(10);
    await page.goto(`${base}/app/dang-nhap`);
    // The module the forms use, loaded as the page loads it (a string: this runs in the page).
    const shown = await page.evaluate<Array<[string, string]>>(
      `import('/app/src/reasons.js').then((m) =>
        ${JSON.stringify(reasons)}.map((r) => [r, m.reasonText(r)]))`,
    );
    const untranslated = shown.filter(([, text]) => text === FALLBACK || ENGLISH.test(text));
    expect(untranslated).toEqual([]);
  }, 60_000);
});
