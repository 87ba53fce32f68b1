import { randomUUID } from 'node:crypto';
import { Role } from '@app/domain';
import { DepartmentRow, ProcedureRow } from '../factories/factories';
import { startTestApp, TestApp } from '../setup/test-app';

// Dataset: roll-up rows with known outcomes plus open applications; the expected figures are
// computed below with plain arithmetic over these arrays, never by the code under test.
interface Rollup {
  day: string;
  dept: 'A' | 'B';
  proc: 'a1' | 'a2' | 'b1';
  channel: string;
  received: number;
  early: number;
  onTime: number;
  late: number;
  apologies: number;
}
interface OpenApp {
  dept: 'A' | 'B';
  proc: 'a1' | 'a2' | 'b1';
  channel: string;
  receivedAt: string;
  dueAt: string;
  code: string;
}

const FROM = '2026-01-01';
const TO = '2026-03-31';
const ROLLUPS: Rollup[] = [
  {
    day: '2026-01-10',
    dept: 'A',
    proc: 'a1',
    channel: 'direct',
    received: 10,
    early: 3,
    onTime: 4,
    late: 1,
    apologies: 1,
  },
  {
    day: '2026-02-05',
    dept: 'A',
    proc: 'a2',
    channel: 'online',
    received: 6,
    early: 2,
    onTime: 2,
    late: 0,
    apologies: 0,
  },
  {
    day: '2026-03-20',
    dept: 'B',
    proc: 'b1',
    channel: 'postal',
    received: 4,
    early: 0,
    onTime: 1,
    late: 2,
    apologies: 2,
  },
  {
    day: '2026-03-31',
    dept: 'A',
    proc: 'a1',
    channel: 'online',
    received: 2,
    early: 1,
    onTime: 0,
    late: 0,
    apologies: 0,
  },
  // outside the range: must not count
  {
    day: '2026-04-02',
    dept: 'A',
    proc: 'a1',
    channel: 'direct',
    received: 100,
    early: 0,
    onTime: 0,
    late: 50,
    apologies: 9,
  },
];
const OPEN: OpenApp[] = [
  {
    dept: 'A',
    proc: 'a1',
    channel: 'direct',
    receivedAt: '2026-03-25T02:00:00Z',
    dueAt: '2026-04-10T10:00:00Z',
    code: 'OPEN-1',
  },
  {
    dept: 'A',
    proc: 'a1',
    channel: 'direct',
    receivedAt: '2026-03-25T02:00:00Z',
    dueAt: '2026-03-31T10:00:00Z',
    code: 'OPEN-2',
  },
  {
    dept: 'A',
    proc: 'a1',
    channel: 'direct',
    receivedAt: '2026-03-01T02:00:00Z',
    dueAt: '2026-03-20T10:00:00Z',
    code: 'OPEN-3',
  },
  {
    dept: 'B',
    proc: 'b1',
    channel: 'online',
    receivedAt: '2026-02-01T02:00:00Z',
    dueAt: '2026-03-01T10:00:00Z',
    code: 'OPEN-4',
  },
  // received after the range: not in its population
  {
    dept: 'A',
    proc: 'a2',
    channel: 'online',
    receivedAt: '2026-04-05T02:00:00Z',
    dueAt: '2026-04-20T10:00:00Z',
    code: 'OPEN-5',
  },
];
const END_OF_RANGE = Date.parse('2026-03-31T17:00:00Z'); // 00:00 on 1/4 in Hà Nội
const localDay = (iso: string) =>
  new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);

function expected(
  filter: (r: { dept: string; proc: string; channel: string; month?: string }) => boolean,
) {
  const rolls = ROLLUPS.filter(
    (r) => r.day >= FROM && r.day <= TO && filter({ ...r, month: r.day.slice(0, 7) }),
  );
  const opens = OPEN.filter(
    (o) => Date.parse(o.receivedAt) < END_OF_RANGE && filter({ ...o, month: '2026-03' }),
  );
  const sum = (f: (r: Rollup) => number) => rolls.reduce((n, r) => n + f(r), 0);
  const early = sum((r) => r.early);
  const onTime = sum((r) => r.onTime);
  const late = sum((r) => r.late);
  const open = opens.length;
  const openOverdue = opens.filter((o) => localDay(o.dueAt) < TO).length;
  const total = early + onTime + late + open;
  const good = early + onTime + open - openOverdue;
  const rate = total === 0 ? null : Math.round((good / total) * 10000) / 100;
  return { total, early, onTime, late, open, openOverdue, rate, received: sum((r) => r.received) };
}

describe('metrics API', () => {
  let t: TestApp;
  let deptA: DepartmentRow;
  let deptB: DepartmentRow;
  const procs: Record<string, ProcedureRow> = {};
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    deptA = await t.factory.department({ name: 'Phòng Giáo dục Trung học' });
    deptB = await t.factory.department({ name: 'Phòng Khảo thí và Kiểm định' });
    procs.a1 = await t.factory.procedure({ departmentId: deptA.id, name: 'Cấp bản sao văn bằng' });
    procs.a2 = await t.factory.procedure({ departmentId: deptA.id, name: 'Chuyển trường' });
    procs.b1 = await t.factory.procedure({ departmentId: deptB.id, name: 'Phúc khảo bài thi' });
    const flags = {
      a1: [true, 'full', true],
      a2: [true, 'partial', false],
      b1: [false, 'full', false],
    };
    for (const [k, [eligible, level, portal]] of Object.entries(flags)) {
      await t.db.query(
        `UPDATE procedures SET eligible_full_online = $2, online_level = $3, on_national_portal = $4 WHERE id = $1`,
        [procs[k].id, eligible, level, portal],
      );
    }
    const dept = (d: 'A' | 'B') => (d === 'A' ? deptA : deptB);
    for (const r of ROLLUPS) {
      await t.db.query(
        `INSERT INTO kpi_daily_rollups (day, department_id, procedure_id, channel, received, result_early, result_on_time, result_late, apologies)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          r.day,
          dept(r.dept).id,
          procs[r.proc].id,
          r.channel,
          r.received,
          r.early,
          r.onTime,
          r.late,
          r.apologies,
        ],
      );
    }
    for (const o of OPEN) {
      await insertApp(dept(o.dept), procs[o.proc], {
        code: o.code,
        channel: o.channel,
        status: 'processing',
        receivedAt: o.receivedAt,
        dueAt: o.dueAt,
      });
    }
    // K2 / K6 from the completion counters, on the row of the reception day: two online
    // applications received Mon 2/3/2026 with results on Thu 5/3 (3 working days each, one
    // signed); one direct (10 working days, signed: not online, so not in K6); and one
    // received before the range (not counted at all).
    for (const [day, d, proc, channel, completed, workingDays, signed] of [
      ['2026-03-02', deptA, procs.a2, 'online', 2, 6, 1],
      ['2026-03-03', deptB, procs.b1, 'direct', 1, 10, 1],
      ['2025-12-31', deptA, procs.a2, 'online', 5, 50, 5],
    ] as const) {
      await t.db.query(
        `INSERT INTO kpi_daily_rollups (day, department_id, procedure_id, channel, completed, completed_working_days, completed_signed)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (day, department_id, procedure_id, channel) DO UPDATE SET completed = EXCLUDED.completed,
           completed_working_days = EXCLUDED.completed_working_days, completed_signed = EXCLUDED.completed_signed`,
        [day, d.id, proc.id, channel, completed, workingDays, signed],
      );
    }
    admin = await t.tokenFor(Role.Admin);
  });
  afterAll(() => t.close());

  async function insertApp(
    d: DepartmentRow,
    p: ProcedureRow,
    a: {
      code: string;
      channel: string;
      status: string;
      receivedAt: string;
      dueAt: string;
      resultReadyAt?: string;
    },
  ) {
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO applications (id, code, agency_code, department_id, procedure_id, procedure_code, channel, status,
         applicant_full_name, applicant_id_number, applicant_phone, applicant_address, search_text, received_at, due_at, original_due_at, result_ready_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Nguyễn Văn An', '001099000001', '0912345678', 'Phường Ba Đình, Hà Nội', $2, $9, $10, $10, $11)`,
      [
        id,
        a.code,
        d.agencyCode,
        d.id,
        p.id,
        p.code,
        a.channel,
        a.status,
        a.receivedAt,
        a.dueAt,
        a.resultReadyAt ?? null,
      ],
    );
    return id;
  }

  const get = (path: string, token = admin) =>
    t.http.get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  const pick = ({
    total,
    early,
    onTime,
    late,
    open,
    openOverdue,
    rate,
  }: ReturnType<typeof expected>) => ({ total, early, onTime, late, open, openOverdue, rate });

  it('on-time by department matches the dataset', async () => {
    const res = await get(`/metrics/on-time?from=${FROM}&to=${TO}&groupBy=department`).expect(200);
    expect(res.body).toMatchObject({ from: FROM, to: TO, groupBy: 'department' });
    expect(res.body.total).toEqual(pick(expected(() => true)));
    const rowA = res.body.rows.find((r: { key: string }) => r.key === deptA.id);
    expect(rowA).toEqual({
      key: deptA.id,
      label: 'Phòng Giáo dục Trung học',
      ...pick(expected((r) => r.dept === 'A')),
    });
    const rowB = res.body.rows.find((r: { key: string }) => r.key === deptB.id);
    expect(rowB).toEqual({
      key: deptB.id,
      label: 'Phòng Khảo thí và Kiểm định',
      ...pick(expected((r) => r.dept === 'B')),
    });
  });

  it.each([
    [
      'procedure',
      (k: string) => procs[k].id,
      ['a1', 'a2', 'b1'],
      (k: string) => (r: { proc: string }) => r.proc === k,
    ],
    [
      'channel',
      (k: string) => k,
      ['direct', 'online', 'postal'],
      (k: string) => (r: { channel: string }) => r.channel === k,
    ],
    [
      'month',
      (k: string) => k,
      ['2026-01', '2026-02', '2026-03'],
      (k: string) => (r: { month?: string }) => r.month === k,
    ],
  ] as const)('groupBy=%s', async (groupBy, keyOf, keys, filterOf) => {
    const res = await get(`/metrics/on-time?from=${FROM}&to=${TO}&groupBy=${groupBy}`).expect(200);
    for (const k of keys) {
      const row = res.body.rows.find((r: { key: string }) => r.key === keyOf(k));
      expect(row).toBeDefined();
      const { key: _key, label: _label, ...figures } = row;
      expect(figures).toEqual(pick(expected(filterOf(k) as never)));
    }
    const labels = res.body.rows.map((r: { label: string }) => r.label);
    if (groupBy === 'channel') {
      expect(labels).toEqual(
        expect.arrayContaining(['Trực tiếp', 'Trực tuyến', 'Bưu chính công ích']),
      );
    }
    if (groupBy === 'month') {
      expect(labels).toEqual(['Tháng 1/2026', 'Tháng 2/2026', 'Tháng 3/2026']);
    }
    if (groupBy === 'procedure') {
      expect(labels).toEqual(expect.arrayContaining(['Cấp bản sao văn bằng', 'Phúc khảo bài thi']));
    }
  });

  it('groupBy=quarter puts everything in Quý I/2026', async () => {
    const res = await get(`/metrics/on-time?from=${FROM}&to=${TO}&groupBy=quarter`).expect(200);
    expect(res.body.rows).toEqual([
      { key: '2026-Q1', label: 'Quý I/2026', ...pick(expected(() => true)) },
    ]);
  });

  it('forecast shows the arithmetic', async () => {
    const e = expected(() => true);
    const needed = Math.ceil((98 * e.total) / 100);
    const res = await get(`/metrics/forecast?from=${FROM}&to=${TO}`).expect(200);
    expect(res.body).toMatchObject({
      target: 98,
      total: e.total,
      onTimeSoFar: e.early + e.onTime,
      lateSoFar: e.late + e.openOverdue,
      openPending: e.open - e.openOverdue,
      required: Math.max(0, needed - e.early - e.onTime),
      achievable: needed - e.early - e.onTime <= e.open - e.openOverdue,
    });
    expect(res.body.arithmetic).toContain(`${needed}`);
  });

  it('summary gives K1–K9 with targets and honest statuses', async () => {
    const res = await get(`/metrics/summary?from=${FROM}&to=${TO}`).expect(200);
    const k = Object.fromEntries(res.body.kpis.map((x: { code: string }) => [x.code, x]));
    const e = expected(() => true);
    const received = (ch: string) =>
      ROLLUPS.filter((r) => r.day >= FROM && r.day <= TO && r.channel === ch).reduce(
        (n, r) => n + r.received,
        0,
      );
    expect(k.K1).toMatchObject({ value: e.rate, target: 98, status: 'missed' });
    expect(k.K2).toMatchObject({ value: 5.33, numerator: 16, denominator: 3 });
    expect(k.K3).toMatchObject({
      value: 50,
      target: 100,
      numerator: 1,
      denominator: 2,
      status: 'missed',
    });
    expect(k.K4).toMatchObject({
      value: Math.round((received('online') / e.received) * 10000) / 100,
      target: 50,
    });
    expect(k.K5).toMatchObject({ value: 50, target: 70, status: 'missed' });
    expect(k.K6).toMatchObject({
      value: 50,
      target: 20,
      numerator: 1,
      denominator: 2,
      status: 'met',
    });
    expect(k.K7).toMatchObject({
      value: Math.round((received('postal') / e.received) * 10000) / 100,
      status: 'no_target',
    });
    expect(k.K8).toMatchObject({ value: null, status: 'not_available' });
    expect(k.K9).toMatchObject({ value: null, status: 'not_available' });
  });

  it('at-risk lists overdue open applications first, with negative working days left', async () => {
    const res = await get('/metrics/at-risk?limit=10').expect(200);
    const codes = res.body.rows.map((r: { code: string }) => r.code);
    expect(codes.slice(0, 4)).toEqual(['OPEN-4', 'OPEN-3', 'OPEN-2', 'OPEN-1']);
    expect(res.body.rows[0]).toMatchObject({
      procedureName: 'Phúc khảo bài thi',
      departmentName: 'Phòng Khảo thí và Kiểm định',
    });
    expect(res.body.rows.every((r: { workingDaysLeft: number }) => r.workingDaysLeft < 0)).toBe(
      true,
    );
  });

  it('a head sees only their own department', async () => {
    const head = await t.tokenFor(Role.Head, deptA.id);
    const res = await get(`/metrics/on-time?from=${FROM}&to=${TO}&groupBy=department`, head).expect(
      200,
    );
    expect(res.body.rows.map((r: { key: string }) => r.key)).toEqual([deptA.id]);
    expect(res.body.total).toEqual(pick(expected((r) => r.dept === 'A')));
    await get(
      `/metrics/on-time?from=${FROM}&to=${TO}&groupBy=department&departmentId=${deptB.id}`,
      head,
    ).expect(403);
    await get(`/reports/quarter.xlsx?year=2026&n=1&departmentId=${deptB.id}`, head).expect(403);
    const officer = await t.tokenFor(Role.Officer, deptA.id);
    await get(`/metrics/summary?from=${FROM}&to=${TO}`, officer).expect(403);
  });

  it.each([
    ['from=2026-02-30&to=2026-03-01&groupBy=department', 'from'],
    ['from=2026-01-01&to=01/03/2026&groupBy=department', 'to'],
    ['from=2026-03-01&to=2026-01-01&groupBy=department', 'to'],
    ['from=2020-01-01&to=2026-01-01&groupBy=department', 'to'],
    ['from=2026-01-01&to=2026-03-01&groupBy=week', 'groupBy'],
    ['to=2026-03-01&groupBy=department', 'from'],
  ])('rejects %s naming %s', async (query, field) => {
    const res = await get(`/metrics/on-time?${query}`).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});
