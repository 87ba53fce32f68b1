import { randomInt } from 'node:crypto';
import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, createDriver, Driver, expectError } from './support/drive';

const PUBLIC = '/api/v1/public/applications';

/**
 * The rate limit counts per client address in Redis, which other test runs share: each test
 * speaks from its own made-up address (the API trusts X-Forwarded-For).
 */
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** The window is a wall-clock minute: do not start a burst in its last seconds. */
async function awayFromMinuteEdge(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 55_000) {
    await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
  }
}

describe('public status look-up', () => {
  let t: TestApp;
  let d: Driver;
  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
  });
  afterAll(() => closeTestApp(t));

  const lookup = (code: string, phone: string, from = someAddress()) =>
    t.http
      .get(`${PUBLIC}/${encodeURIComponent(code)}`)
      .query({ phone })
      .set('x-forwarded-for', from);

  it('code + last 4 phone digits → the status in Vietnamese and the appointment, no personal data', async () => {
    const app = await d.driveTo(S.Received, 'Nguyễn Văn Đức');

    const res = await lookup(app.code, '5678'); // the applicant's phone is 0912345678

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: app.code,
      procedureName: expect.any(String),
      status: 'received',
      portalStatusCode: 2,
      statusLabel: 'Được tiếp nhận',
      receivedAt: app.receivedAt,
      appointmentAt: app.dueAt,
      resultReadyAt: null,
      returnedAt: null,
      canRate: false,
      rating: null,
      ratingScale: { min: 1, max: 5 },
    });
    const text = JSON.stringify(res.body);
    for (const personal of [
      'applicant',
      'fullName',
      'phone',
      'idNumber',
      'email',
      'address',
      'id',
    ]) {
      expect(res.body).not.toHaveProperty(personal);
    }
    for (const value of [
      app.applicant.fullName,
      app.applicant.phone,
      app.applicant.idNumber,
      app.id,
    ]) {
      expect(text).not.toContain(value);
    }
  });

  it.each([
    { status: S.Processing, label: 'Đang xử lý', code: 4 },
    { status: S.SupplementRequested, label: 'Yêu cầu bổ sung giấy tờ', code: 5 },
    { status: S.ResultReturned, label: 'Đã trả kết quả', code: 10 },
  ])('shows $status as "$label"', async ({ status, label, code }) => {
    const app = await d.driveTo(status);
    const res = await lookup(app.code, '5678');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status, statusLabel: label, portalStatusCode: code });
  });

  it('wrong digits answer exactly like an unknown code', async () => {
    const app: ApplicationView = await d.driveTo(S.Received);
    const wrongDigits = await lookup(app.code, '1234');
    const unknownCode = await lookup(`${app.code.slice(0, -4)}9999`, '5678');

    expectError(wrongDigits, 404, 'NOT_FOUND');
    expect(unknownCode.status).toBe(404);
    expect(unknownCode.body).toEqual(wrongDigits.body);
  });

  it('the internal id does not open the public page, only the printed code does', async () => {
    const app: ApplicationView = await d.driveTo(S.Received);
    const byId = await lookup(app.id, '5678');
    expectError(byId, 404, 'NOT_FOUND');
    expect((await lookup(app.code, '5678')).status).toBe(200);
  });

  it.each(['', '123', '12345', 'abcd'])('phone %p → 400 naming phone', async (phone) => {
    const app = await d.driveTo(S.Received);
    expectError(await lookup(app.code, phone), 400, 'VALIDATION_FAILED', ['phone']);
  });

  describe('rate limit', () => {
    let limited: TestApp;
    let code: string;
    beforeAll(async () => {
      limited = await startTestApp({ PUBLIC_LOOKUP_RATE_LIMIT: '3' });
      code = (await (await createDriver(limited)).driveTo(S.Received)).code;
    });
    afterAll(() => closeTestApp(limited));

    const ask = (from: string, phone = '5678') =>
      limited.http.get(`${PUBLIC}/${code}`).query({ phone }).set('x-forwarded-for', from);

    it('the 4th look-up in a minute from one address → 429', async () => {
      await awayFromMinuteEdge();
      const from = someAddress();
      const answers = [];
      for (let i = 0; i < 4; i++) {
        answers.push(await ask(from));
      }

      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expectError(answers[3], 429, 'RATE_LIMITED');
      expect(Number(answers[3].headers['retry-after'])).toBeGreaterThan(0);
      expect(answers[3].body).not.toHaveProperty('statusLabel');
    });

    it('failed look-ups count too, so codes cannot be probed', async () => {
      await awayFromMinuteEdge();
      const from = someAddress();
      const answers = [];
      for (const phone of ['0000', '0001', '0002', '5678']) {
        answers.push(await ask(from, phone));
      }
      expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 429]);
    });

    it('another address keeps its own allowance', async () => {
      await awayFromMinuteEdge();
      const busy = someAddress();
      for (let i = 0; i < 4; i++) {
        await ask(busy);
      }
      expect((await ask(busy)).status).toBe(429);
      expect((await ask(someAddress())).status).toBe(200);
    });
  });
});
