import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';

type Detail = { field: string; reason: string };
type Day = { date: string; kind: string; name: string; source: string };
type Override = { date: string; kind: string; reason: string; source: string };
const fieldsOf = (body: { details: Detail[] }) => new Set(body.details.map((d) => d.field));

describe('calendar', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // Officers and heads always belong to a department (a CHECK in the schema).
  const auth = async (role: Role) => {
    const scoped = role === Role.Officer || role === Role.Head;
    const department = scoped ? (await t.factory.department()).id : undefined;
    return { Authorization: `Bearer ${await t.tokenFor(role, department)}` };
  };
  const overrideRows = async () =>
    (
      await t.db.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, reason, source, updated_by, updated_at
         FROM calendar_overrides ORDER BY date`,
      )
    ).rows;
  const overridesOf = async (year: number): Promise<Override[]> => {
    const res = await t.http
      .get(`/api/v1/calendar/${year}/overrides`)
      .set(await auth(Role.Admin))
      .expect(200);
    return (res.body.overrides as Array<Override & Record<string, unknown>>).map(
      ({ date, kind, reason, source }) => ({ date, kind, reason, source }),
    );
  };
  const dueAt = async (receivedAt: string, value: number, unit: string) => {
    const res = await t.http
      .get('/api/v1/calendar/due-date')
      .query({ receivedAt, value, unit })
      .set(await auth(Role.Reception))
      .expect(200);
    return res.body.dueAt as string;
  };

  it('describes 2026 with Tết 16–20/2 off and Saturday 10/1 worked', async () => {
    const res = await t.http
      .get('/api/v1/calendar/2026')
      .set(await auth(Role.Reception))
      .expect(200);

    expect(res.body.year).toBe(2026);
    const byDate = new Map((res.body.days as Day[]).map((d) => [d.date, d]));
    for (const date of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(byDate.get(date)).toMatchObject({
        kind: expect.stringMatching(/^(holiday|day_off)$/),
        name: expect.stringContaining('Tết Nguyên đán'),
        source: expect.any(String),
      });
    }
    expect(byDate.get('2026-01-10')).toMatchObject({
      kind: 'working_saturday',
      source: 'CV 12729/VPCP-KGVX',
    });
    expect(byDate.get('2026-01-02')).toMatchObject({ kind: 'day_off' });
    expect(byDate.has('2026-01-05')).toBe(false); // an ordinary Monday
  });

  it('refuses a year outside 1900–2199 or not a number, naming year', async () => {
    const reception = await auth(Role.Reception);
    for (const year of ['1899', '2200', 'abc', '2026.5']) {
      const res = await t.http.get(`/api/v1/calendar/${year}`).set(reception).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(res.body)).toEqual(new Set(['year']));
    }
  });

  it('applies replaced overrides at once: the year view and due dates follow', async () => {
    // Monday 5/10/2026, 09:00 in Hà Nội; one working day later is Tuesday 6/10, 17:00.
    // (Dates no other test here uses: the overrides stay for the rest of the file.)
    expect(await dueAt('2026-10-05T09:00:00+07:00', 1, 'working_days')).toBe(
      '2026-10-06T10:00:00.000Z',
    );
    const admin = await t.factory.user({ role: Role.Admin, password: 'quan-tri-lich' });
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ username: admin.username, password: 'quan-tri-lich' })
      .expect(200);
    const token = login.body.accessToken as string;
    const kept = await overridesOf(2026);
    const extra = {
      date: '2026-10-06',
      kind: 'day_off',
      reason: 'Nghỉ đột xuất theo quyết định của UBND tỉnh',
      source: 'QĐ thử nghiệm',
    };

    const res = await t.http
      .put('/api/v1/calendar/2026/overrides')
      .set('Authorization', `Bearer ${token}`)
      .send({ overrides: [...kept, extra] })
      .expect(200);

    expect(res.body.year).toBe(2026);
    expect(res.body.overrides).toHaveLength(kept.length + 1);
    const rows = (await overrideRows()).filter((r) => r.date.startsWith('2026-'));
    expect(rows).toHaveLength(kept.length + 1);
    expect(rows.every((r) => r.updated_by === admin.id)).toBe(true);
    expect((await overrideRows()).filter((r) => r.date.startsWith('2025-')).length).toBeGreaterThan(
      0,
    );

    const year = await t.http
      .get('/api/v1/calendar/2026')
      .set(await auth(Role.Officer))
      .expect(200);
    expect(year.body.days).toContainEqual({
      date: '2026-10-06',
      kind: 'day_off',
      name: extra.reason,
      source: extra.source,
    });
    expect(await dueAt('2026-10-05T09:00:00+07:00', 1, 'working_days')).toBe(
      '2026-10-07T10:00:00.000Z',
    );
  });

  it('refuses bad overrides naming each entry, and changes nothing', async () => {
    const admin = await auth(Role.Admin);
    const before = await overrideRows();
    const ok = { date: '2026-06-01', kind: 'day_off', reason: 'Lý do', source: 'Nguồn' };

    const shape = await t.http
      .put('/api/v1/calendar/2026/overrides')
      .set(admin)
      .send({
        overrides: [
          { ...ok, date: '2026-02-30' },
          { ...ok, kind: 'holiday' },
          { ...ok, reason: '' },
          { date: '01/06/2026', kind: 'day_off', source: 'Nguồn', note: 'x' },
        ],
        comment: 'thử',
      })
      .expect(400);
    expect(shape.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(fieldsOf(shape.body)).toEqual(
      new Set([
        'overrides[0].date',
        'overrides[1].kind',
        'overrides[2].reason',
        'overrides[3].date',
        'overrides[3].reason',
        'overrides[3].note',
        'comment',
      ]),
    );

    const placement = await t.http
      .put('/api/v1/calendar/2026/overrides')
      .set(admin)
      .send({ overrides: [ok, { ...ok, date: '2027-01-01' }, { ...ok }] })
      .expect(400);
    expect(placement.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      details: [
        { field: 'overrides[1].date', reason: 'must be a date in 2026' },
        { field: 'overrides[2].date', reason: 'repeats overrides[0].date' },
      ],
    });

    const missing = await t.http
      .put('/api/v1/calendar/2026/overrides')
      .set(admin)
      .send({})
      .expect(400);
    expect(fieldsOf(missing.body)).toEqual(new Set(['overrides']));
    await t.http
      .put('/api/v1/calendar/1800/overrides')
      .set(admin)
      .send({ overrides: [] })
      .expect(400);
    const huge = await t.http
      .put('/api/v1/calendar/2026/overrides')
      .set(admin)
      .send({ overrides: [{ ...ok, reason: 'x'.repeat(10 * 1024 * 1024) }] })
      .expect(413);
    expect(huge.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(await overrideRows()).toEqual(before);
  });

  it('lets only administrators replace overrides', async () => {
    const headers = await Promise.all([Role.Reception, Role.Director].map(auth));
    const before = await overrideRows();
    for (const header of headers) {
      const res = await t.http
        .put('/api/v1/calendar/2026/overrides')
        .set(header)
        .send({ overrides: [] })
        .expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    }
    expect(await overrideRows()).toEqual(before);
  });

  it('computes due dates for each unit and accepts an unencoded + offset', async () => {
    // Friday 30/1/2026 14:00 → 5 working days: 2, 3, 4, 5, 6 February.
    expect(await dueAt('2026-01-30T14:00:00+07:00', 5, 'working_days')).toBe(
      '2026-02-06T10:00:00.000Z',
    );
    // After the 15:00 cut-off the day 0 moves to Monday 2/2.
    expect(await dueAt('2026-01-30T15:30:00+07:00', 0, 'working_days')).toBe(
      '2026-02-02T10:00:00.000Z',
    );
    expect(await dueAt('2026-03-02T02:00:00Z', 30, 'calendar_days')).toMatch(/^2026-04-01T/);
    expect(await dueAt('2026-03-02T09:00:00+07:00', 1, 'months')).toMatch(/^2026-04-02T/);
    expect(await dueAt('2026-03-02T09:00:00+07:00', 4, 'hours')).toBe('2026-03-02T06:00:00.000Z');

    const raw = await t.http
      .get(
        '/api/v1/calendar/due-date?receivedAt=2026-03-02T09:00:00+07:00&value=1&unit=working_days',
      )
      .set(await auth(Role.Reception))
      .expect(200);
    expect(raw.body.dueAt).toBe('2026-03-03T10:00:00.000Z');
  });

  it('validates every due-date parameter, naming it', async () => {
    const reception = await auth(Role.Reception);
    const ask = (query: Record<string, string>) =>
      t.http.get('/api/v1/calendar/due-date').query(query).set(reception).expect(400);

    const none = await ask({});
    expect(fieldsOf(none.body)).toEqual(new Set(['receivedAt', 'value', 'unit']));
    const bad = await ask({
      receivedAt: '2026-03-02T09:00:00',
      value: '-1',
      unit: 'weeks',
      x: '1',
    });
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(fieldsOf(bad.body)).toEqual(new Set(['receivedAt', 'value', 'unit', 'x']));
    for (const receivedAt of ['2026-02-30T09:00:00+07:00', 'hôm nay', '2026-03-02']) {
      const res = await ask({ receivedAt, value: '1', unit: 'working_days' });
      expect(fieldsOf(res.body)).toEqual(new Set(['receivedAt']));
    }
    const fractional = await ask({
      receivedAt: '2026-03-02T09:00:00+07:00',
      value: '1.5',
      unit: 'working_days',
    });
    expect(fractional.body.details).toEqual([
      { field: 'value', reason: 'must be an integer number' },
    ]);
  });
});
