import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import type { Response } from 'supertest';
import { readPdf } from '../../libs/documents/src/testing/read-pdf';
import { startTestApp, TestApp } from '../setup/test-app';
import { APPLICATIONS, closeTestApp, createDriver, Driver, expectError } from './support/drive';

const PUBLIC_BASE_URL = 'https://motcua.example.vn';

/** Collects the body as bytes whatever its content type. */
function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('GET /applications/:idOrCode/documents/*.pdf', () => {
  let t: TestApp;
  let d: Driver;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL, PROVINCE_NAME: 'tỉnh Ninh Bình' });
    d = await createDriver(t, { agencyCode: 'SGDDT' });
    admin = await d.adminToken();
  });
  afterAll(() => closeTestApp(t));

  const download = (idOrCode: string, file: string, token = admin): Promise<Response> =>
    t.http
      .get(`${APPLICATIONS}/${encodeURIComponent(idOrCode)}/documents/${file}`)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(binary);

  function expectPdf(res: Response, filename: string): Buffer {
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    expect(res.headers['content-disposition']).toBe(`inline; filename="${filename}"`);
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    return body;
  }

  /** An error answer, downloaded as bytes, read as the JSON it is. */
  const json = (res: Response): Response => {
    res.body = JSON.parse(String(res.body));
    return res;
  };

  it('prints the receipt of a received application, with the QR code of its status page', async () => {
    const app = await d.driveTo(S.Received, 'Nguyễn Thị Hằng');
    const pdf = expectPdf(await download(app.code, 'receipt.pdf'), `${app.code}-receipt.pdf`);
    const read = await readPdf(pdf, { qr: true });
    expect(read.flat).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(read.flat).toContain('ỦY BAN NHÂN DÂN TỈNH NINH BÌNH');
    expect(read.flat).toContain('Tiếp nhận hồ sơ của: Nguyễn Thị Hằng');
    expect(read.flat).toContain(`Mã hồ sơ: ${app.code}`);
    expect(read.flat).toContain('05 ngày làm việc');
    expect(read.qr).toEqual([`${PUBLIC_BASE_URL}/app/tra-cuu?code=${app.code}`]);
    // By id as well as by code.
    expectPdf(await download(app.id, 'receipt.pdf'), `${app.code}-receipt.pdf`);
  });

  it('prints the supplement request with its items and reason', async () => {
    const app = await d.driveTo(S.SupplementRequested);
    const pdf = expectPdf(
      await download(app.code, 'supplement-request.pdf'),
      `${app.code}-supplement-request.pdf`,
    );
    const read = await readPdf(pdf);
    expect(read.flat).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(read.flat).toContain('1. Bản sao chứng thực CCCD');
    expect(read.flat).toContain('Lý do: Thiếu giấy tờ');
  });

  it('prints the refusal of a not accepted application', async () => {
    const app = await d.driveTo(S.NotAccepted);
    const pdf = expectPdf(await download(app.code, 'refusal.pdf'), `${app.code}-refusal.pdf`);
    const read = await readPdf(pdf);
    expect(read.flat).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(read.flat).toContain('1. Hồ sơ không thuộc thẩm quyền giải quyết của Sở');
  });

  it('prints the apology with the new appointment date', async () => {
    const processing = await d.driveTo(S.Processing);
    const res = await d.act(A.Apologize, processing, admin);
    expect(res.status).toBe(200);
    const app = res.body as ApplicationView;
    const pdf = expectPdf(await download(app.code, 'apology.pdf'), `${app.code}-apology.pdf`);
    const read = await readPdf(pdf);
    expect(read.flat).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(read.flat).toContain('Lý do: Phải xin ý kiến cơ quan phối hợp.');
    const [year, month, day] = new Date(Date.parse(app.dueAt!) + 7 * 3600_000)
      .toISOString()
      .slice(0, 10)
      .split('-');
    expect(read.flat).toContain(`ngày ${day} tháng ${month} năm ${year}.`);
  });

  it('prints the control sheet with one row per step and the result early', async () => {
    const app = await d.driveTo(S.ResultReturned);
    const pdf = expectPdf(
      await download(app.code, 'control-sheet.pdf'),
      `${app.code}-control-sheet.pdf`,
    );
    const read = await readPdf(pdf);
    expect(read.flat).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    for (const step of ['Tiếp nhận hồ sơ', 'Chuyển kết quả giải quyết', 'Trả kết quả']) {
      expect(read.flat).toContain(step);
    }
    // Ready on the day of reception, five working days before the appointment.
    expect(read.flat).toContain('Trước hạn');
  });

  it('answers a clear 404 for a form the application does not have', async () => {
    const app = await d.driveTo(S.Received);
    for (const [file, what] of [
      ['apology.pdf', /no apology/],
      ['supplement-request.pdf', /no supplement request/],
      ['refusal.pdf', /no refusal/],
    ] as const) {
      const res = json(await download(app.code, file));
      expectError(res, 404, 'NOT_FOUND');
      expect(res.body.message).toMatch(what);
    }
    const submitted = await d.driveTo(S.Submitted);
    const receipt = json(await download(submitted.code, 'receipt.pdf'));
    expectError(receipt, 404, 'NOT_FOUND');
    expect(receipt.body.message).toMatch(/no receipt/);
  });

  it('answers 404 for an unknown application or document', async () => {
    expectError(json(await download('SGDDT-000101-9999', 'receipt.pdf')), 404, 'NOT_FOUND');
    const app = await d.driveTo(S.Received);
    expectError(json(await download(app.code, 'invoice.pdf')), 404, 'NOT_FOUND');
  });

  it('scopes officers to their own department, like GET /applications/:id', async () => {
    const app = await d.driveTo(S.Received);
    const own = await t.tokenFor(Role.Officer, d.departmentId);
    expectPdf(await download(app.code, 'receipt.pdf', own), `${app.code}-receipt.pdf`);
    const other = await t.tokenFor(Role.Officer, (await t.factory.department()).id);
    expectError(json(await download(app.code, 'receipt.pdf', other)), 403, 'FORBIDDEN');
  });

  it('requires a login', async () => {
    const app = await d.driveTo(S.Received);
    const res = await t.http.get(`${APPLICATIONS}/${app.code}/documents/receipt.pdf`);
    expect(res.status).toBe(401);
  });
});
