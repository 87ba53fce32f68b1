import { randomInt } from 'node:crypto';
import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S } from '@app/domain';
import { FixedClock } from '@app/core';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, createDriver, Driver, expectError } from './support/drive';

const PUBLIC = '/api/v1/public/applications';

/**
 * The rate limit counts per client address: each test speaks from its own made-up address,
 * through the loopback configured as a trusted proxy (TRUSTED_PROXIES).
 */
const BEHIND_PROXY = { TRUSTED_PROXIES: '127.0.0.1,::1' };
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
    t = await startTestApp(BEHIND_PROXY);
    d = await createDriver(t);
  });
  afterAll(() => closeTestApp(t));

  const lookup = (code: string, phone: string, from = someAddress()) =>
    t.http.post(`${PUBLIC}/lookup`).set('x-forwarded-for', from).send({ code, phone });

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
      limited = await startTestApp({ ...BEHIND_PROXY, PUBLIC_LOOKUP_RATE_LIMIT: '3' });
      code = (await (await createDriver(limited)).driveTo(S.Received)).code;
    });
    afterAll(() => closeTestApp(limited));

    const ask = (from: string, phone = '5678') =>
      limited.http.post(`${PUBLIC}/lookup`).set('x-forwarded-for', from).send({ code, phone });

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

  it('no personal data in URLs: the old GET with the digits in its query string is gone', async () => {
    const app = await d.driveTo(S.Received);
    const res = await t.http
      .get(`${PUBLIC}/${encodeURIComponent(app.code)}`)
      .query({ phone: '5678' });
    expect(res.status).toBe(404);
    expect(res.body).not.toHaveProperty('statusLabel');
  });

  describe('X-Forwarded-For from a client that is not a trusted proxy', () => {
    let direct: TestApp;
    beforeAll(async () => {
      direct = await startTestApp({ PUBLIC_LOOKUP_RATE_LIMIT: '3' });
    });
    afterAll(() => closeTestApp(direct));

    it('is ignored: a new made-up address per request does not reset the limit', async () => {
      const code = (await (await createDriver(direct)).driveTo(S.Received)).code;
      await awayFromMinuteEdge();
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const res = await direct.http
          .post(`${PUBLIC}/lookup`)
          .set('x-forwarded-for', someAddress())
          .send({ code, phone: '5678' });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    });
  });

  describe('per-code lockout (5 wrong tries → 15 minutes, then 30)', () => {
    let l: TestApp;
    let ld: Driver;
    const clock = new FixedClock(new Date());
    beforeAll(async () => {
      l = await startTestApp(BEHIND_PROXY, { clock });
      ld = await createDriver(l);
    });
    afterAll(() => closeTestApp(l));

    const ask = (code: string, phone: string) =>
      l.http.post(`${PUBLIC}/lookup`).set('x-forwarded-for', someAddress()).send({ code, phone });
    const wrongTries = async (code: string, n = 5) => {
      const statuses = [];
      for (let i = 0; i < n; i++) {
        statuses.push((await ask(code, String(1000 + i))).status);
      }
      return statuses;
    };

    it('locks the code, for the right digits too, and says in Vietnamese when to retry', async () => {
      const app = await ld.driveTo(S.Received);
      expect(await wrongTries(app.code)).toEqual([404, 404, 404, 404, 404]);

      const locked = await ask(app.code, '5678');
      expectError(locked, 429, 'RATE_LIMITED');
      expect(locked.headers['retry-after']).toBe('900');
      expect(locked.body.message).toMatch(
        /^Hồ sơ này tạm thời không tra cứu được .*Vui lòng thử lại sau 15 phút \(lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}\)\.$/,
      );
      expect(locked.body.current).toEqual({
        retryAt: new Date(clock.now().getTime() + 900_000).toISOString(),
        retryAfterSeconds: 900,
      });
      expect(locked.body).not.toHaveProperty('statusLabel');

      // A rating with the right digits is refused as well, and nothing is stored.
      const rating = await l.http
        .post(`${PUBLIC}/rating`)
        .set('x-forwarded-for', someAddress())
        .send({ code: app.code, phone: '5678', score: 1 });
      expect(rating.status).toBe(429);

      clock.advance(900_000 + 1000);
      expect((await ask(app.code, '5678')).status).toBe(200);

      // The second lock of the day lasts twice as long.
      expect(await wrongTries(app.code)).toEqual([404, 404, 404, 404, 404]);
      const again = await ask(app.code, '5678');
      expect(again.status).toBe(429);
      expect(again.headers['retry-after']).toBe('1800');
      expect(again.body.message).toContain('Vui lòng thử lại sau 30 phút');
    });

    it('an unknown code is locked exactly like a known one (no hint which codes exist)', async () => {
      const app = await ld.driveTo(S.Received);
      const unknown = `${app.code.slice(0, -4)}9999`;
      expect(await wrongTries(unknown)).toEqual(await wrongTries(app.code));
      const [a, b] = [await ask(unknown, '5678'), await ask(app.code, '5678')];
      expect([a.status, b.status]).toEqual([429, 429]);
      expect(a.body).toEqual(b.body);
      expect(a.headers['retry-after']).toBe(b.headers['retry-after']);
    });

    it('the right digits forgive earlier mistakes', async () => {
      const app = await ld.driveTo(S.Received);
      expect(await wrongTries(app.code, 4)).toEqual([404, 404, 404, 404]);
      expect((await ask(app.code, '5678')).status).toBe(200);
      expect(await wrongTries(app.code, 4)).toEqual([404, 404, 404, 404]);
      expect((await ask(app.code, '5678')).status).toBe(200);
    });

    it('each lock is in the security audit log, under a hashed key, not the code', async () => {
      const app = await ld.driveTo(S.Received);
      await wrongTries(app.code);
      const { rows } = await l.db.query<{ subject: string }>(
        `SELECT subject FROM security_audit_log WHERE event = 'auth.lockout'`,
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.subject).toMatch(/^application-code:[A-Za-z0-9_-]{22}$/);
        expect(row.subject).not.toContain(app.code);
      }
    });
  });
});
