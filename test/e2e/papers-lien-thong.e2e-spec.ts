import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import type { Response } from 'supertest';
import { readPdf } from '../../libs/documents/src/testing/read-pdf';
import { startTestApp, TestApp } from '../setup/test-app';
import { APPLICATIONS, applicantFor, closeTestApp, createDriver, Driver } from './support/drive';

function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * Issue 10 item 7: the text of every PDF of a liên thông application, read back, names the
 * right units and people — the desk receives and refuses, each control-sheet row has the
 * division that really gave and received the dossier, "Cơ quan phối hợp" is filled, and an
 * organisation is never addressed "Ông/Bà".
 */
describe('the papers of a liên thông application', () => {
  let t: TestApp;
  let d: Driver;
  let desk: string;
  let officerA: string;
  let headA: string;
  let headB: string;
  let director: string;
  const SCHOOL = 'Trường THPT Chuyên Lê Quý Đôn';
  beforeAll(async () => {
    t = await startTestApp({ ORGANIZATION_NAME: 'Sở Giáo dục và Đào tạo' });
    d = await createDriver(t);
    await t.db.query(`UPDATE departments SET name = 'Phòng Trung học' WHERE id = $1`, [
      d.departmentId,
    ]);
    const b = await t.factory.department({ name: 'Phòng Kế hoạch' });
    desk = await t.tokenFor(Role.Reception);
    officerA = await t.tokenFor(Role.Officer, d.departmentId);
    headA = await t.tokenFor(Role.Head, d.departmentId);
    headB = await t.tokenFor(Role.Head, b.id);
    director = await t.tokenFor(Role.Director);
    bId = b.id;
  });
  let bId: string;
  afterAll(() => closeTestApp(t));

  const ok = async (action: A, app: ApplicationView, token: string, body: object = {}) => {
    const res = await d.act(action, app, token, { version: app.version, ...body });
    if (res.status !== 200) {
      throw new Error(`${action}: ${res.status} ${res.text}`);
    }
    return res.body as ApplicationView;
  };
  const pdfText = async (app: ApplicationView, file: string) => {
    const res = await t.http
      .get(`${APPLICATIONS}/${app.code}/documents/${file}`)
      .set('authorization', `Bearer ${director}`)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    return (await readPdf(res.body as Buffer)).flat;
  };
  const userName = async (role: Role, departmentId: string | null) =>
    (
      await t.db.query<{ full_name: string }>(
        `SELECT full_name FROM users WHERE role = $1 AND department_id IS NOT DISTINCT FROM $2 LIMIT 1`,
        [role, departmentId],
      )
    ).rows[0].full_name;

  it('receipt, control sheet, apology, stop notice and refusal name the right parties', async () => {
    const created = await d.intake(desk, {
      procedureCode: d.procedureCode,
      channel: 'direct',
      applicant: { ...applicantFor(SCHOOL), kind: 'organization' },
    });
    expect(created.status).toBe(201);
    let app = created.body as ApplicationView;
    app = await ok(A.Start, app, officerA);
    app = await ok(A.HandOver, app, headA, { toDepartmentId: bId, budgetWorkingDays: 2 });
    app = await ok(A.HandOver, app, headB, {
      toDepartmentId: d.departmentId,
      budgetWorkingDays: 1,
    });
    app = await ok(A.Apologize, app, director, await d.bodyFor(A.Apologize, app));
    app = await ok(A.MarkResultReady, app, officerA);

    const receipt = await pdfText(app, 'receipt.pdf');
    expect(receipt).toContain('Bộ phận tiếp nhận hồ sơ: Bộ phận Một cửa – Sở Giáo dục và Đào tạo');
    expect(receipt).not.toContain('Bộ phận tiếp nhận hồ sơ: Phòng Trung học');

    const sheet = await pdfText(app, 'control-sheet.pdf');
    expect(sheet).toContain('Cơ quan (bộ phận) giải quyết hồ sơ: Phòng Trung học');
    expect(sheet).toContain('Cơ quan phối hợp giải quyết hồ sơ: Phòng Kế hoạch');
    const deskName = await userName(Role.Reception, null);
    const headAName = await userName(Role.Head, d.departmentId);
    const headBName = await userName(Role.Head, bId);
    // Rows in order: reception by the desk; start in A; A → B; B → A; apology; result to desk.
    const rows = [
      ['Tiếp nhận hồ sơ', `Người nộp hồ sơ (${SCHOOL})`, `Bộ phận Một cửa (${deskName})`],
      ['Chuyển hồ sơ liên thông', `Phòng Trung học (${headAName})`, 'Phòng Kế hoạch'],
      ['Chuyển hồ sơ liên thông', `Phòng Kế hoạch (${headBName})`, 'Phòng Trung học'],
    ];
    // Table cells wrap mid-word in the extracted text: compare without white space.
    const squash = (text: string) => text.replace(/\s+/g, '');
    const table = squash(sheet);
    let from = 0;
    for (const [action, giver, receiver] of rows.map((r) => r.map(squash))) {
      const at = table.indexOf(giver, from);
      expect({ giver, found: at >= from }).toEqual({ giver, found: true });
      // giver, receiver, time, step: the next cells of the same row.
      expect(table.slice(at + giver.length).startsWith(receiver)).toBe(true);
      expect(table.slice(at, at + 200)).toContain(action);
      from = at + giver.length;
    }
    expect(sheet).not.toContain('Quản trị hệ thống');

    const apology = await pdfText(app, 'apology.pdf');
    expect(apology).toContain(`Kính gửi: ${SCHOOL}`);
    expect(apology).not.toContain('Ông/Bà');
    expect(apology).not.toContain('ông/bà');
    expect(apology).toContain('quý cơ quan');
    expect(apology).toContain('GIÁM ĐỐC');

    // A refusal at the desk names the desk, not a division.
    const refused = await ok(A.Refuse, await d.driveTo(S.Submitted), desk, {
      reasons: ['Hồ sơ không thuộc thẩm quyền giải quyết của Sở'],
    });
    const refusal = await pdfText(refused, 'refusal.pdf');
    expect(refusal).toContain(
      'Qua xem xét, Bộ phận Một cửa – Sở Giáo dục và Đào tạo từ chối tiếp nhận',
    );
    expect(refusal).toContain(deskName);

    // A dossier stopped while B held it: the stop notice names B, and a person is "Ông/Bà".
    let held = await ok(A.Start, await d.driveTo(S.Received, 'Nguyễn Văn Bình'), officerA);
    held = await ok(A.HandOver, held, headA, { toDepartmentId: bId, budgetWorkingDays: 2 });
    held = await ok(A.Stop, held, headB, { reason: 'Không đủ điều kiện' });
    const notice = await pdfText(held, 'stop-notice.pdf');
    expect(notice).toContain('Kính gửi: Ông/Bà Nguyễn Văn Bình');
    expect(notice).toContain('Phòng Kế hoạch thông báo dừng giải quyết hồ sơ');
    expect(notice).toContain('Lý do: Hồ sơ không đủ điều kiện giải quyết theo quy định.');
  });
});
