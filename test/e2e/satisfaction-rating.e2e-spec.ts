import { randomInt } from 'node:crypto';
import { Role, ApplicationStatus as S, STATUS_LABEL_VI } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, createDriver, Driver, expectError } from './support/drive';

const PUBLIC = '/api/v1/public/applications';
const PHONE = '5678'; // the driver's applicants have phone 0912345678

/**
 * The rate limit counts per address: each call speaks from its own made-up address, through a
 * trusted proxy (the tests' loopback), as a deployment behind a reverse proxy does.
 */
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const BEHIND_PROXY = { TRUSTED_PROXIES: '127.0.0.1,::1' };

/** The window is a wall-clock minute: do not start a burst in its last seconds. */
async function awayFromMinuteEdge(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 55_000) {
    await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
  }
}

const lookupOn =
  (t: TestApp) =>
  (code: string, phone = PHONE, from = someAddress()) =>
    t.http.post(`${PUBLIC}/lookup`).set('x-forwarded-for', from).send({ code, phone });

/** The code joins the body (an array body is sent as it is, to be refused). */
const rateOn =
  (t: TestApp) =>
  (code: string, body: unknown, from = someAddress()) =>
    t.http
      .post(`${PUBLIC}/rating`)
      .set('x-forwarded-for', from)
      .set('content-type', 'application/json')
      .send(JSON.stringify(Array.isArray(body) ? body : { code, ...(body as object) }));

async function ratingRows(t: TestApp, code?: string) {
  const { rows } = await t.db.query<{
    score: number;
    comment: string | null;
    department_id: string;
    procedure_id: string;
    channel: string;
    procedure_code: string;
  }>(
    `SELECT r.score, r.comment, r.department_id, r.procedure_id, r.channel, a.procedure_code
     FROM satisfaction_ratings r JOIN applications a ON a.id = r.application_id
     WHERE $1::text IS NULL OR a.code = $1`,
    [code ?? null],
  );
  return rows;
}

describe('citizen satisfaction rating (K8)', () => {
  let t: TestApp;
  let d: Driver;
  let lookup: ReturnType<typeof lookupOn>;
  let rate: ReturnType<typeof rateOn>;
  beforeAll(async () => {
    t = await startTestApp(BEHIND_PROXY);
    d = await createDriver(t);
    lookup = lookupOn(t);
    rate = rateOn(t);
  });
  afterAll(() => closeTestApp(t));

  it('after the result was returned: offered, accepted once, stored with its department, procedure and channel', async () => {
    const app = await d.driveTo(S.ResultReturned);
    const before = await lookup(app.code);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      status: 'result_returned',
      canRate: true,
      rating: null,
      ratingScale: { min: 1, max: 5 },
    });

    const res = await rate(app.code, {
      phone: PHONE,
      score: 4,
      comment: '  Cán bộ hướng dẫn tận tình  ',
    });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ score: 4, ratedAt: expect.any(String) });
    expect(Math.abs(Date.parse(res.body.ratedAt) - Date.now())).toBeLessThan(60_000);
    expect(await ratingRows(t, app.code)).toEqual([
      {
        score: 4,
        comment: 'Cán bộ hướng dẫn tận tình',
        department_id: d.departmentId,
        procedure_id: app.procedure.id,
        channel: 'direct',
        procedure_code: d.procedureCode,
      },
    ]);
    const after = await lookup(app.code);
    expect(after.body).toMatchObject({ canRate: false, rating: res.body });
    expect(JSON.stringify(after.body)).not.toContain('tận tình'); // the comment stays inside
  });

  it.each([S.Received, S.Processing, S.SupplementRequested, S.ResultReady, S.Stopped])(
    'in status %s → 409 with the current status, nothing stored, not offered',
    async (status) => {
      const app = await d.driveTo(status);
      const res = await rate(app.code, { phone: PHONE, score: 5 });

      expectError(res, 409, 'ILLEGAL_TRANSITION', ['status']);
      expect(res.body.current).toMatchObject({
        code: app.code,
        status,
        statusLabel: STATUS_LABEL_VI[status],
        canRate: false,
        rating: null,
      });
      expect(await ratingRows(t, app.code)).toEqual([]);
      expect((await lookup(app.code)).body).toMatchObject({ status, canRate: false, rating: null });
    },
  );

  it('a second rating → 409 with the first as current; the first stays', async () => {
    const app = await d.driveTo(S.ResultReturned);
    const first = await rate(app.code, { phone: PHONE, score: 2 });
    expect(first.status).toBe(201);

    const second = await rate(app.code, { phone: PHONE, score: 5, comment: 'Đổi ý' });

    expectError(second, 409, 'DUPLICATE');
    expect(second.body.current).toEqual(first.body);
    expect(await ratingRows(t, app.code)).toMatchObject([{ score: 2, comment: null }]);
  });

  it('two ratings sent at once: one is stored, the other is told about it', async () => {
    const app = await d.driveTo(S.ResultReturned);
    const answers = await Promise.all([
      rate(app.code, { phone: PHONE, score: 5 }),
      rate(app.code, { phone: PHONE, score: 1 }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const won = answers.find((r) => r.status === 201)!;
    expect(answers.find((r) => r.status === 409)!.body.current).toEqual(won.body);
    expect((await ratingRows(t, app.code)).map((r) => r.score)).toEqual([won.body.score]);
  });

  it.each([
    ['score below the scale', { phone: PHONE, score: 0 }, ['score']],
    ['score above the scale', { phone: PHONE, score: 6 }, ['score']],
    ['a fractional score', { phone: PHONE, score: 4.5 }, ['score']],
    ['the score as text', { phone: PHONE, score: '5' }, ['score']],
    ['a null score', { phone: PHONE, score: null }, ['score']],
    ['no score', { phone: PHONE }, ['score']],
    [
      'a 1001-character comment',
      { phone: PHONE, score: 5, comment: 'x'.repeat(1001) },
      ['comment'],
    ],
    ['a comment that is not text', { phone: PHONE, score: 5, comment: 5 }, ['comment']],
    ['an unknown field', { phone: PHONE, score: 5, stars: 5 }, ['stars']],
    ['3 phone digits', { phone: '123', score: 5 }, ['phone']],
    ['no phone', { score: 5 }, ['phone']],
    ['an array body', [5], ['body']],
  ])('%s → 400 naming it, nothing stored', async (_, body, fields) => {
    const app = await d.driveTo(S.ResultReturned);
    const before = (await ratingRows(t)).length;
    const res = await rate(app.code, body);
    expectError(res, 400, 'VALIDATION_FAILED', fields);
    expect((await ratingRows(t)).length).toBe(before);
    expect((await lookup(app.code)).body).toMatchObject({ canRate: true });
  });

  it('wrong phone digits or an unknown code → the look-up’s own 404, nothing stored', async () => {
    const app = await d.driveTo(S.ResultReturned);
    const lookedUp = await lookup(app.code, '1234');
    const wrongPhone = await rate(app.code, { phone: '1234', score: 5 });
    const unknown = await rate(`${app.code.slice(0, -4)}9999`, { phone: PHONE, score: 5 });
    const byId = await rate(app.id, { phone: PHONE, score: 5 });

    expectError(wrongPhone, 404, 'NOT_FOUND');
    for (const res of [unknown, byId]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(lookedUp.body);
    }
    expect(wrongPhone.body).toEqual(lookedUp.body);
    expect(await ratingRows(t, app.code)).toEqual([]);
  });

  describe('a deployment with a 0–10 scale (negative ≤ 6) and a look-up limit of 3 a minute', () => {
    let c: TestApp;
    let cd: Driver;
    beforeAll(async () => {
      c = await startTestApp({
        ...BEHIND_PROXY,
        RATING_SCALE_MIN: '0',
        RATING_SCALE_MAX: '10',
        RATING_NEGATIVE_AT_MOST: '6',
        PUBLIC_LOOKUP_RATE_LIMIT: '3',
      });
      cd = await createDriver(c);
    });
    afterAll(() => closeTestApp(c));

    it('offers and accepts the configured scale; K8 counts ≤ 6 as negative', async () => {
      const [a, b] = [await cd.driveTo(S.ResultReturned), await cd.driveTo(S.ResultReturned)];
      expect((await lookupOn(c)(a.code)).body.ratingScale).toEqual({ min: 0, max: 10 });
      expectError(await rateOn(c)(a.code, { phone: PHONE, score: 11 }), 400, 'VALIDATION_FAILED', [
        'score',
      ]);
      expect((await rateOn(c)(a.code, { phone: PHONE, score: 6 })).status).toBe(201);
      expect((await rateOn(c)(b.code, { phone: PHONE, score: 0 })).status).toBe(201);

      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const admin = await c.tokenFor(Role.Admin);
      const res = await c.http
        .get(`/api/v1/metrics/summary?from=${today}&to=${today}&departmentId=${cd.departmentId}`)
        .set('authorization', `Bearer ${admin}`)
        .expect(200);
      const k8 = res.body.kpis.find((k: { code: string }) => k.code === 'K8');
      // No roll-ups without a worker: K1 has no population, so nothing is overdue; 2 of 2 negative.
      expect(k8).toMatchObject({ value: 0, status: 'missed' });
      expect(k8.note).toContain('2 of 2 ratings given in the range scored ≤ 6');
    });

    it('ratings and look-ups share one allowance per address: the 4th call → 429', async () => {
      const app = await cd.driveTo(S.ResultReturned);
      await awayFromMinuteEdge();
      const from = someAddress();
      const answers = [
        await lookupOn(c)(app.code, PHONE, from),
        await rateOn(c)(app.code, { phone: '0000', score: 5 }, from),
        await rateOn(c)(app.code, { phone: PHONE, score: 5 }, from),
        await rateOn(c)(app.code, { phone: PHONE, score: 5 }, from),
      ];
      expect(answers.map((r) => r.status)).toEqual([200, 404, 201, 429]);
      expectError(answers[3], 429, 'RATE_LIMITED');
    });
  });
});
