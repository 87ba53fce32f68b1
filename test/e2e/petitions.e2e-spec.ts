import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { FixedClock } from '@app/core';
import { atLocalTime, Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, expectError } from './support/drive';

const vn = (date: string, hour: number) => atLocalTime(date, hour);
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const PETITIONER = {
  fullName: 'Trần Văn Bảo',
  address: '45 Trần Hưng Đạo, phường Đông Thành',
  phone: '0987654321',
  email: 'bao@example.vn',
};

describe('PAKN: intake, lifecycle with working-day clocks, consent and redaction, K9', () => {
  let t: TestApp;
  let desk: string;
  let director: string;
  // Wed 29/4/2026, 10:00: 30/4 and 1/5 are holidays, then a weekend.
  const clock = new FixedClock(vn('2026-04-29', 10));

  const submitPublic = (body: Record<string, unknown>) =>
    t.http.post('/api/v1/public/petitions').set('x-forwarded-for', someAddress()).send(body);
  const act = (code: string, action: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/petitions/${code}/${action}`)
      .set('authorization', `Bearer ${director}`)
      .send(body);
  const deskIntake = (consentToPublish: boolean, content: string) =>
    t.http.post('/api/v1/petitions').set('authorization', `Bearer ${desk}`).send({
      channel: 'phone',
      title: 'Phản ánh qua điện thoại',
      content,
      petitioner: PETITIONER,
      consentToPublish,
    });

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    desk = await t.tokenFor(Role.Reception);
    director = await t.tokenFor(Role.Director);
  });

  afterAll(async () => {
    await closeTestApp(t);
  });

  it('refuses a public form without the required fields, naming them', async () => {
    const res = await submitPublic({ title: 'x', consentToPublish: true, petitioner: {} });
    expectError(res, 400, 'VALIDATION_FAILED');
    const fields = (res.body.details as Array<{ field: string }>).map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['content', 'petitioner.fullName', 'petitioner.address']),
    );
    expect((await t.db.query(`SELECT 1 FROM petitions`)).rows).toHaveLength(0);
  });

  it('a public petition gets its deadlines in working days across 30/4–1/5', async () => {
    const res = await submitPublic({
      title: 'Chậm cấp bản sao văn bằng',
      content: 'Hồ sơ của tôi quá hạn.',
      petitioner: PETITIONER,
      consentToPublish: false,
    });
    expect(res.status).toBe(201);
    expect(res.body.answerDueAt).toBe(vn('2026-05-22', 17).toISOString());
    const full = await t.http
      .get(`/api/v1/petitions/${res.body.code}`)
      .set('authorization', `Bearer ${desk}`);
    expect(full.body).toMatchObject({
      channel: 'web',
      status: 'received',
      ruleVersion: 1,
      refuseDueAt: vn('2026-05-05', 17).toISOString(),
      clarifyDueAt: vn('2026-05-08', 17).toISOString(),
      forwardDueAt: vn('2026-05-08', 17).toISOString(),
    });
  });

  it('walks every edge: clarify → start → forward (a row with its deadline) → start → answer → publish', async () => {
    const created = await deskIntake(
      true,
      `Tôi là ${PETITIONER.fullName}, số điện thoại ${PETITIONER.phone}, đề nghị rút ngắn thời gian.`,
    );
    expect(created.status).toBe(201);
    const code = created.body.code;
    let version = 1;
    const step = async (action: string, body: Record<string, unknown>, status: string) => {
      const res = await act(code, action, { version, ...body });
      expect({ action, status: res.status, to: res.body.status }).toEqual({
        action,
        status: 200,
        to: status,
      });
      version = res.body.version;
      return res;
    };
    expectError(await act(code, 'answer', { version, answer: 'x' }), 409, 'ILLEGAL_TRANSITION');
    expectError(await act(code, 'request-clarification', { version }), 400, 'VALIDATION_FAILED', [
      'request',
    ]);
    await step('request-clarification', { request: 'Nêu rõ mã hồ sơ' }, 'clarification_requested');
    await step('start', {}, 'in_progress');
    clock.set(vn('2026-05-04', 9));
    const forwarded = await step('forward', { toBody: 'Sở Nội vụ' }, 'forwarded');
    expect(forwarded.body.forwards).toEqual([
      expect.objectContaining({ toBody: 'Sở Nội vụ', dueAt: vn('2026-05-25', 17).toISOString() }),
    ]);
    await step('start', {}, 'in_progress');
    const stale = await act(code, 'answer', { version: version - 1, answer: 'cũ' });
    expectError(stale, 409, 'STALE_VERSION');
    const answered = await step(
      'answer',
      { answer: `Trả lời ông ${PETITIONER.fullName}: đã rút ngắn. Liên hệ ${PETITIONER.email}.` },
      'answered',
    );
    expect(answered.body.publishDueAt).toBe(vn('2026-05-06', 17).toISOString());
    const published = await step('publish', {}, 'published');
    expect(published.body.publishedContent).not.toContain(PETITIONER.fullName);
    expect(published.body.publishedContent).not.toContain('0987654321');
    expect(published.body.publishedAnswer).not.toContain(PETITIONER.email);
    expect(published.body.publishedAnswer).toContain('đã rút ngắn');

    const list = await t.http
      .get('/api/v1/public/petitions')
      .query({ q: 'rút ngắn' })
      .set('x-forwarded-for', someAddress());
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toMatch(
      /Trần Văn Bảo|0987654321|bao@example\.vn|Trần Hưng Đạo/,
    );
    const none = await t.http
      .get('/api/v1/public/petitions')
      .query({ q: 'không có từ này' })
      .set('x-forwarded-for', someAddress());
    expect(none.body).toEqual([]);
  });

  it('never publishes without consent', async () => {
    const created = await deskIntake(false, 'Không đồng ý công khai.');
    const code = created.body.code;
    let version = 1;
    for (const [action, body] of [
      ['start', {}],
      ['answer', { answer: 'Đã xử lý.' }],
    ] as const) {
      const res = await act(code, action, { version, ...body });
      version = res.body.version;
    }
    const res = await act(code, 'publish', { version });
    expectError(res, 409, 'ILLEGAL_TRANSITION');
    expect(res.body.current).toMatchObject({ consentToPublish: false });
  });

  it('refused within 2 working days across the holidays is on time; K9 counts it', async () => {
    clock.set(vn('2026-04-29', 10));
    const onTime = await deskIntake(false, 'Khiếu nại (không phải PAKN).');
    const late = await deskIntake(false, 'Khiếu nại thứ hai.');
    clock.set(vn('2026-05-05', 16));
    expect(
      (await act(onTime.body.code, 'refuse', { version: 1, reason: 'Là khiếu nại' })).status,
    ).toBe(200);
    clock.set(vn('2026-05-06', 9));
    expect(
      (await act(late.body.code, 'refuse', { version: 1, reason: 'Là khiếu nại' })).status,
    ).toBe(200);
    const summary = await t.http
      .get('/api/v1/metrics/summary')
      .query({ from: '2026-04-01', to: '2026-05-31' })
      .set('authorization', `Bearer ${director}`);
    expect(summary.status).toBe(200);
    const k9 = summary.body.kpis.find((k: { code: string }) => k.code === 'K9');
    // 5 petitions: the public one (open, answer not due yet on 6/5), the published one, the
    // unconsented answered one, the refusal on day 2, and the late refusal on day 3.
    expect(k9).toMatchObject({ numerator: 4, denominator: 5, value: 80, status: 'no_target' });
  });

  it('the period workbook carries K9 (and K3, K4, K8) on its indicators sheet', async () => {
    const res = await t.http
      .get('/api/v1/reports/month.xlsx')
      .query({ year: 2026, n: 5 })
      .set('authorization', `Bearer ${director}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.getWorksheet('Chỉ tiêu')!;
    const rows = new Map<string, unknown[]>();
    ws.eachRow((row) => rows.set(row.getCell(1).text, row.values as unknown[]));
    expect([...rows.keys()]).toEqual(expect.arrayContaining(['K3', 'K4', 'K8', 'K9']));
    // May 2026: the 4 petitions handled in it (the public one was received in April and not
    // handled since: outside May's population); 3 on time (the refusal on day 3 is late).
    expect(rows.get('K9')?.slice(3, 6)).toEqual([75, 3, 4]);
  });
});
