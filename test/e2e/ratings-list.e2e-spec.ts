import { randomInt, randomUUID } from 'node:crypto';
import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S, Role } from '@app/domain';
import type { Response } from 'supertest';
import { DepartmentRow, ProcedureRow } from '../factories/factories';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, createDriver, expectError } from './support/drive';

// GET /ratings over ratings inserted with chosen instants (January 2024, which no rating given
// through the API can fall in), plus a few given through the public endpoint today. Expected
// lists are computed from the arrays below, not by the code under test.
type Dept = 'A' | 'B';
interface Seed {
  dept: Dept;
  at: string;
  score: number;
  comment?: string;
}
const SEEDS: Seed[] = [
  { dept: 'A', at: '2023-12-31T16:59:59.999Z', score: 1, comment: 'Ngày 31/12: trước kỳ' },
  { dept: 'A', at: '2023-12-31T17:00:00Z', score: 2, comment: '00:00 ngày 1/1 giờ Hà Nội' },
  { dept: 'A', at: '2024-01-05T02:00:00Z', score: 5 },
  { dept: 'A', at: '2024-01-10T03:00:00Z', score: 3, comment: 'Bình thường' },
  // Three at one instant: the order and the pages must still be total.
  { dept: 'A', at: '2024-01-15T03:00:00Z', score: 1, comment: 'Phải chờ lâu' },
  { dept: 'A', at: '2024-01-15T03:00:00Z', score: 4 },
  { dept: 'A', at: '2024-01-15T03:00:00Z', score: 2 },
  // A microsecond apart: a cursor rounded to the millisecond would skip or repeat one.
  { dept: 'A', at: '2024-01-20T03:00:00.000001Z', score: 2, comment: 'Thái độ chưa tốt' },
  { dept: 'A', at: '2024-01-20T03:00:00.000002Z', score: 5 },
  { dept: 'A', at: '2024-01-31T16:59:59.999Z', score: 1, comment: '23:59:59 ngày 31/1' },
  { dept: 'A', at: '2024-01-31T17:00:00Z', score: 2, comment: 'Ngày 1/2: sau kỳ' },
  { dept: 'B', at: '2024-01-12T04:00:00Z', score: 1, comment: 'Phòng B chưa hài lòng' },
  { dept: 'B', at: '2024-01-25T04:00:00Z', score: 3 },
];
const JANUARY = 'from=2024-01-01&to=2024-01-31';
const JANUARY_START = Date.parse('2023-12-31T17:00:00Z');
const JANUARY_END = Date.parse('2024-01-31T17:00:00Z');
const PHONE = '5678'; // the driver's applicants have phone 0912345678
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

interface Seeded extends Seed {
  id: string;
  code: string;
}
type World = { t: TestApp; depts: Record<Dept, DepartmentRow>; seeded: Seeded[] };

/** Microseconds of an ISO instant with up to 6 decimals (Date.parse keeps only milliseconds). */
const micros = (iso: string) => {
  const [, fraction = ''] = /\.(\d+)Z$/.exec(iso) ?? [];
  return Date.parse(iso) * 1000 + (Number(fraction.padEnd(6, '0').slice(3)) || 0);
};
/** Newest first, then application id descending (uuids compare as their hex text). */
const newestFirst = (a: Seeded, b: Seeded) =>
  micros(b.at) - micros(a.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const inJanuary = (s: Seeded) =>
  micros(s.at) >= JANUARY_START * 1000 && micros(s.at) < JANUARY_END * 1000;

async function seed(t: TestApp): Promise<World> {
  const depts = {} as Record<Dept, DepartmentRow>;
  const procs = {} as Record<Dept, ProcedureRow>;
  for (const key of ['A', 'B'] as const) {
    depts[key] = await t.factory.department();
    procs[key] = await t.factory.procedure({ departmentId: depts[key].id });
  }
  const seeded: Seeded[] = [];
  for (const [i, s] of SEEDS.entries()) {
    const id = randomUUID();
    const code = `DG-${String(i).padStart(3, '0')}`;
    const { id: departmentId, agencyCode } = depts[s.dept];
    const procedure = procs[s.dept];
    await t.db.query(
      `INSERT INTO applications (id, code, agency_code, department_id, procedure_id, procedure_code, channel, status,
         applicant_full_name, applicant_id_number, applicant_phone, search_text, received_at, result_ready_at, returned_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'postal', 'result_returned', 'Lê Thị Hoa', '001099000002', '0912345678', $2,
         $7::timestamptz - interval '10 days', $7::timestamptz - interval '2 days', $7::timestamptz - interval '1 day')`,
      [id, code, agencyCode, departmentId, procedure.id, procedure.code, s.at],
    );
    await t.db.query(
      `INSERT INTO satisfaction_ratings (application_id, score, comment, rated_at, department_id, procedure_id, channel)
       VALUES ($1, $2, $3, $4, $5, $6, 'postal')`,
      [id, s.score, s.comment ?? null, s.at, departmentId, procedure.id],
    );
    seeded.push({ ...s, id, code });
  }
  return { t, depts, seeded };
}

const listOn = (t: TestApp) => (query: string, token: string) =>
  t.http.get(`/api/v1/ratings?${query}`).set('authorization', `Bearer ${token}`);

/** Every page from the first, following nextCursor; fails on a loop. */
async function allPages(t: TestApp, query: string, token: string, limit: number) {
  const codes: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: Response = await listOn(t)(
      `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      token,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    codes.push(...res.body.items.map((r: { applicationCode: string }) => r.applicationCode));
    cursor = res.body.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(50);
  } while (cursor);
  return { codes, pages };
}

describe('GET /ratings: citizens’ ratings for managers', () => {
  let w: World;
  let t: TestApp;
  let admin: string;
  let list: ReturnType<typeof listOn>;
  const codesOf = (res: Response) =>
    res.body.items.map((r: { applicationCode: string }) => r.applicationCode);
  const expected = (keep: (s: Seeded) => boolean) =>
    w.seeded
      .filter(keep)
      .sort(newestFirst)
      .map((s) => s.code);

  beforeAll(async () => {
    t = await startTestApp();
    w = await seed(t);
    admin = await t.tokenFor(Role.Admin);
    list = listOn(t);
  });
  afterAll(() => closeTestApp(t));

  it('ratings given through the public page: newest first, every field, negative by the scale', async () => {
    const d = await createDriver(t);
    const given: Array<{ app: ApplicationView; score: number; comment?: string }> = [];
    for (const [score, comment] of [
      [1, '  Cán bộ hẹn sai ngày  '],
      [4, undefined],
      [2, 'Phải đi lại nhiều lần'],
    ] as const) {
      const app = await d.driveTo(S.ResultReturned);
      const res = await t.http
        .post('/api/v1/public/applications/rating')
        .set('x-forwarded-for', someAddress())
        .send({ code: app.code, phone: PHONE, score, ...(comment ? { comment } : {}) });
      expect(res.status).toBe(201);
      given.push({ app, score, comment });
    }
    // Yesterday to tomorrow in Hà Nội, so a run across local midnight still finds them.
    const day = (offset: number) =>
      new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const res = await list(
      `from=${day(-1)}&to=${day(1)}&departmentId=${d.departmentId}`,
      admin,
    ).expect(200);

    const departmentName = (
      await t.db.query<{ name: string }>(`SELECT name FROM departments WHERE id = $1`, [
        d.departmentId,
      ])
    ).rows[0].name;
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items).toEqual(
      [...given].reverse().map((g) => ({
        applicationId: g.app.id,
        applicationCode: g.app.code,
        procedureCode: d.procedureCode,
        procedureName: g.app.procedure.name,
        departmentId: d.departmentId,
        departmentName,
        channel: 'direct',
        score: g.score,
        negative: g.score <= 2,
        comment: g.comment?.trim() ?? null,
        ratedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      })),
    );
    const times = res.body.items.map((r: { ratedAt: string }) => Date.parse(r.ratedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(Math.abs(times[0] - Date.now())).toBeLessThan(60_000);
  });

  it('January, every department: newest first, ties in a fixed order, local days both included', async () => {
    const res = await list(JANUARY, admin).expect(200);
    expect(codesOf(res)).toEqual(expected(inJanuary));
    expect(res.body.nextCursor).toBeNull();
    const first = res.body.items[0];
    const seededFirst = w.seeded.find((s) => s.code === first.applicationCode)!;
    expect(first).toMatchObject({
      applicationId: seededFirst.id,
      score: 1,
      negative: true,
      comment: '23:59:59 ngày 31/1',
      ratedAt: '2024-01-31T16:59:59.999Z',
      channel: 'postal',
      departmentId: w.depts.A.id,
      departmentName: w.depts.A.name,
    });
  });

  it.each([1, 2, 3, 5, 10])(
    'pages of %i: every rating once, in order, the last page without a cursor',
    async (limit) => {
      const all = expected(inJanuary);
      const { codes, pages } = await allPages(t, JANUARY, admin, limit);
      expect(codes).toEqual(all);
      expect(new Set(codes).size).toBe(codes.length);
      expect(pages).toBe(Math.max(1, Math.ceil(all.length / limit)));
    },
  );

  it('pages of the negative ones across the tie and the microseconds', async () => {
    const { codes } = await allPages(t, `${JANUARY}&negative=true`, admin, 1);
    expect(codes).toEqual(expected((s) => inJanuary(s) && s.score <= 2));
  });

  it('negative=true: score ≤ 2 (the default scale); negative=false: the others', async () => {
    const negative = await list(`${JANUARY}&negative=true`, admin).expect(200);
    const others = await list(`${JANUARY}&negative=false`, admin).expect(200);
    expect(codesOf(negative)).toEqual(expected((s) => inJanuary(s) && s.score <= 2));
    expect(codesOf(others)).toEqual(expected((s) => inJanuary(s) && s.score > 2));
    expect(negative.body.items.every((r: { negative: boolean }) => r.negative)).toBe(true);
    expect(others.body.items.some((r: { negative: boolean }) => r.negative)).toBe(false);
  });

  it.each([
    [
      'the first local day holds its 00:00',
      'from=2024-01-01&to=2024-01-01',
      ['2023-12-31T17:00:00Z'],
    ],
    [
      'the day before holds 23:59:59.999',
      'from=2023-12-31&to=2023-12-31',
      ['2023-12-31T16:59:59.999Z'],
    ],
    [
      'the last day holds 23:59:59.999',
      'from=2024-01-31&to=2024-01-31',
      ['2024-01-31T16:59:59.999Z'],
    ],
    ['the next day holds its 00:00', 'from=2024-02-01&to=2024-02-01', ['2024-01-31T17:00:00Z']],
  ])('range boundary: %s', async (_, query, instants) => {
    const res = await list(query, admin).expect(200);
    expect(codesOf(res)).toEqual(expected((s) => s.dept === 'A' && instants.includes(s.at)));
  });

  it('a head sees only their own department, by default and when asking for it', async () => {
    const head = await t.tokenFor(Role.Head, w.depts.A.id);
    const own = expected((s) => inJanuary(s) && s.dept === 'A');
    expect(codesOf(await list(JANUARY, head).expect(200))).toEqual(own);
    expect(
      codesOf(await list(`${JANUARY}&departmentId=${w.depts.A.id}`, head).expect(200)),
    ).toEqual(own);
    expect(codesOf(await list(`${JANUARY}&negative=true`, head).expect(200))).toEqual(
      expected((s) => inJanuary(s) && s.dept === 'A' && s.score <= 2),
    );
  });

  it('a head asking for another department → 403', async () => {
    const head = await t.tokenFor(Role.Head, w.depts.A.id);
    expectError(await list(`${JANUARY}&departmentId=${w.depts.B.id}`, head), 403, 'FORBIDDEN');
  });

  it.each([Role.Director, Role.Supervisor, Role.Admin])(
    '%s reads every department, or the one asked for',
    async (role) => {
      const token = await t.tokenFor(role);
      expect(codesOf(await list(JANUARY, token).expect(200))).toEqual(expected(inJanuary));
      expect(
        codesOf(await list(`${JANUARY}&departmentId=${w.depts.B.id}`, token).expect(200)),
      ).toEqual(expected((s) => inJanuary(s) && s.dept === 'B'));
    },
  );

  it.each([Role.Officer, Role.Reception])('%s → 403', async (role) => {
    expectError(await list(JANUARY, await t.tokenFor(role, w.depts.A.id)), 403, 'FORBIDDEN');
  });

  it('without a token → 401', async () => {
    const res = await t.http.get(`/api/v1/ratings?${JANUARY}`);
    expect(res.status).toBe(401);
  });

  it.each([
    ['to=2024-01-31', 'from'],
    ['from=2024-01-01', 'to'],
    ['from=2024-02-30&to=2024-03-01', 'from'],
    ['from=2024-01-01&to=31/01/2024', 'to'],
    ['from=2024-01-31&to=2024-01-01', 'to'],
    ['from=2020-01-01&to=2024-01-31', 'to'],
    [`${JANUARY}&negative=yes`, 'negative'],
    [`${JANUARY}&limit=0`, 'limit'],
    [`${JANUARY}&limit=201`, 'limit'],
    [`${JANUARY}&limit=ten`, 'limit'],
    [`${JANUARY}&departmentId=phong-a`, 'departmentId'],
    [`${JANUARY}&cursor=not-a-cursor`, 'cursor'],
    [`${JANUARY}&cursor=${Buffer.from('["2024-01-01", "x"]').toString('base64url')}`, 'cursor'],
    [`${JANUARY}&score=1`, 'score'],
  ])('rejects %s → 400 naming %s', async (query, field) => {
    expectError(await list(query, admin), 400, 'VALIDATION_FAILED', [field]);
  });
});

describe('GET /ratings with RATING_NEGATIVE_AT_MOST=3', () => {
  let w: World;
  afterAll(() => w && closeTestApp(w.t));

  it('score 3 counts as negative, in the filter and in each item', async () => {
    w = await seed(await startTestApp({ RATING_NEGATIVE_AT_MOST: '3' }));
    const admin = await w.t.tokenFor(Role.Admin);
    const res = await listOn(w.t)(`${JANUARY}&negative=true`, admin).expect(200);
    const codes = w.seeded
      .filter((s) => inJanuary(s) && s.score <= 3)
      .sort(newestFirst)
      .map((s) => s.code);
    expect(res.body.items.map((r: { applicationCode: string }) => r.applicationCode)).toEqual(
      codes,
    );
    expect(codes.length).toBeGreaterThan(
      w.seeded.filter((s) => inJanuary(s) && s.score <= 2).length,
    );
    const all = await listOn(w.t)(JANUARY, admin).expect(200);
    for (const r of all.body.items as Array<{ score: number; negative: boolean }>) {
      expect(r.negative).toBe(r.score <= 3);
    }
  });
});
