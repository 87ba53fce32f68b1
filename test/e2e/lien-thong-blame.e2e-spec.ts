import ExcelJS from 'exceljs';
import type { ApplicationView, HistoryView } from '@app/core';
import { FixedClock } from '@app/core';
import { Role, TransitionAction as A } from '@app/domain';
import { readPdf } from '../../libs/documents/src/testing/read-pdf';
import { startTestApp, TestApp } from '../setup/test-app';
import { APPLICATIONS, applicantFor } from './support/drive';

const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

const binary = (response: unknown, cb: (err: Error | null, body: Buffer) => void) => {
  const res = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * Issue 15 acceptance: a liên thông application with a supplement in the middle of a step.
 * Lead A (10 working days; its process gives A 2 days, B 3) hands to B on Tue 3/2/2026; B asks
 * for a supplement on Wed 4/2 that arrives Tue 10/2 (4 working days); B hands back on Wed 11/2
 * — late against B's first due date (Fri 6/2), on time once the wait is taken out (Thu 12/2).
 * A holds it across Tết with 2 days (due Fri 13/2), apologises on Mon 2/3 and makes the result
 * ready on Mon 9/3: A's step overran, so A carries the delay in history, sheet and reports.
 */
describe('liên thông blame with a supplement in the middle of a step', () => {
  const clock = new FixedClock(vn('2026-02-02 08:00'));
  let t: TestApp;
  let a: { id: string; name: string };
  let b: { id: string; name: string };
  let app: ApplicationView;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    a = await t.factory.department({ name: 'Phòng Giáo dục Trung học' });
    b = await t.factory.department({ name: 'Phòng Kế hoạch – Tài chính' });
    const procedure = await t.factory.procedure({ departmentId: a.id, timeLimitValue: 10 });
    await t.db.query(
      `INSERT INTO procedure_step_budgets (procedure_id, department_id, working_days)
       VALUES ($1, $2, 2), ($1, $3, 3)`,
      [procedure.id, a.id, b.id],
    );
    const res = await t.http
      .post(APPLICATIONS)
      .set('authorization', `Bearer ${await t.tokenFor(Role.Reception)}`)
      .send({
        procedureCode: procedure.code,
        channel: 'direct',
        status: 'received',
        applicant: applicantFor('Nguyễn Thị Hằng'),
      });
    expect(res.status).toBe(201);
    app = res.body as ApplicationView;
  });
  afterAll(() => t.close());

  async function act(at: string, action: A, role: Role, dept: string | null, body: object = {}) {
    clock.set(vn(at));
    const res = await t.http
      .post(`${APPLICATIONS}/${app.id}/${action}`)
      .set('authorization', `Bearer ${await t.tokenFor(role, dept)}`)
      .send({ version: app.version, ...body });
    expect({ action, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
      action,
      status: 200,
      body: null,
    });
    app = res.body as ApplicationView;
  }

  it('plays the chain', async () => {
    expect(app.dueAt).toBe(vn('2026-02-23 17:00').toISOString());
    await act('2026-02-02 09:00', A.Start, Role.Officer, a.id);
    await act('2026-02-03 09:00', A.HandOver, Role.Head, a.id, { toDepartmentId: b.id });
    await act('2026-02-04 09:00', A.RequestSupplement, Role.Officer, b.id, {
      items: ['Bản sao quyết định thành lập trường'],
      reason: 'Thiếu giấy tờ',
    });
    await act('2026-02-10 09:00', A.ReceiveSupplement, Role.Reception, null, {
      items: ['Bản sao quyết định thành lập trường'],
    });
    await act('2026-02-11 10:00', A.HandOver, Role.Head, b.id, {
      toDepartmentId: a.id,
      budgetWorkingDays: 2,
    });
    await act('2026-03-02 09:00', A.Apologize, Role.Head, a.id, {
      reason: 'Chậm thẩm định hồ sơ',
      newDueAt: vn('2026-03-10 17:00').toISOString(),
    });
    await act('2026-03-09 09:00', A.MarkResultReady, Role.Officer, a.id);
  });

  it('history: B’s step is on time once the wait is out, A’s own step is the late one', async () => {
    const res = await t.http
      .get(`${APPLICATIONS}/${app.id}`)
      .set('authorization', `Bearer ${await t.tokenFor(Role.Director)}`);
    const history = (res.body as ApplicationView).history as HistoryView[];
    const of = (action: A) => history.filter((h) => h.action === String(action));
    const [toB, backToA] = of(A.HandOver);
    expect(toB.payload).toMatchObject({
      seq: 1,
      budgetWorkingDays: 3,
      budgetSource: 'process',
      stepDueAt: vn('2026-02-06 17:00').toISOString(),
      closedStep: { seq: 0, departmentId: a.id, outcome: 'early' },
    });
    expect(of(A.ReceiveSupplement)[0].payload).toMatchObject({
      stepExtended: { seq: 1, dueAt: vn('2026-02-12 17:00').toISOString() },
    });
    expect(backToA.payload).toMatchObject({
      seq: 2,
      closedStep: {
        seq: 1,
        departmentId: b.id,
        outcome: 'early',
        dueAt: vn('2026-02-12 17:00').toISOString(),
      },
    });
    expect(of(A.Apologize)[0].payload).toMatchObject({ responsibleDepartmentId: a.id });
    expect(of(A.MarkResultReady)[0].payload).toMatchObject({
      closedStep: { seq: 2, departmentId: a.id, outcome: 'late', ending: 'result_ready' },
    });
    const steps = await t.db.query(
      `SELECT seq, to_department_id AS "to", outcome, ending FROM application_steps
       WHERE application_id = $1 ORDER BY seq`,
      [app.id],
    );
    expect(steps.rows).toEqual([
      { seq: 0, to: a.id, outcome: 'early', ending: 'handed_over' },
      { seq: 1, to: b.id, outcome: 'early', ending: 'handed_over' },
      { seq: 2, to: a.id, outcome: 'late', ending: 'result_ready' },
    ]);
  });

  it('the control sheet names A, quotes the appointment in force and K1’s verdict', async () => {
    const res = await t.http
      .get(`${APPLICATIONS}/${app.id}/documents/control-sheet.pdf`)
      .set('authorization', `Bearer ${await t.tokenFor(Role.Director)}`)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const { flat } = await readPdf(res.body);
    expect(flat).toContain('Cơ quan phối hợp giải quyết hồ sơ: Phòng Kế hoạch – Tài chính');
    expect(flat).toContain('Ngày hẹn trả kết quả: 10/03/2026 (hẹn ban đầu: 23/02/2026)');
    expect(flat).toContain('Đơn vị để quá hạn bước xử lý: Phòng Giáo dục Trung học');
    expect(flat).not.toContain('Đơn vị để quá hạn bước xử lý: Phòng Kế hoạch');
    expect(flat).toMatch(
      /Kết thúc bước 1 \(Phòng Kế hoạch – Tài chính\): trước hạn, hạn 12\/02\/2026/,
    );
    expect(flat).toMatch(/Kết thúc bước 2 \(Phòng Giáo dục Trung học\): quá hạn, hạn 13\/02\/2026/);
    // K1: 9/3 minus the 6-day wait is 3/3, after the 23/2 appointment: late, as the sheet says
    // (the apology's 10/3 would have made it "early").
    expect(flat).toMatch(/Chuyển kết quả giải quyết Quá hạn/);
  });

  it('the quarter report and the tracking book put the late step on A, not B', async () => {
    const director = await t.tokenFor(Role.Director);
    const res = await t.http
      .get('/api/v1/reports/quarter.xlsx?year=2026&n=1')
      .set('authorization', `Bearer ${director}`)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.getWorksheet('Bước liên thông')!;
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > 4 && typeof row.getCell(3).value === 'number') {
        rows.push([
          row.getCell(2).value,
          row.getCell(4).value,
          row.getCell(5).value,
          row.getCell(6).value,
        ]);
      }
    });
    expect(rows).toEqual([
      ['Phòng Giáo dục Trung học', 1, 0, 1],
      ['Phòng Kế hoạch – Tài chính', 1, 0, 0],
    ]);

    const book = await t.http
      .get('/api/v1/reports/tracking-book.xlsx?from=2026-02-01&to=2026-02-28')
      .set('authorization', `Bearer ${director}`)
      .buffer(true)
      .parse(binary);
    expect(book.status).toBe(200);
    const bookWb = new ExcelJS.Workbook();
    await bookWb.xlsx.load(book.body);
    const line = bookWb.worksheets[0].getRow(5);
    expect(line.getCell(2).value).toBe(app.code);
    expect(line.getCell(12).value).toBe('Quá hạn bước liên thông: Phòng Giáo dục Trung học');
  });
});
