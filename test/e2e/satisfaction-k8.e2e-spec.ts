import { randomUUID } from 'node:crypto';
import { Role } from '@app/domain';
import { DepartmentRow, ProcedureRow } from '../factories/factories';
import { insertK1Application } from '../factories/k1-fixtures';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp } from './support/drive';

// K8 in the metrics summary over a dataset of resolved applications (for K1, as the worker's
// segments) and ratings; the expected figures are computed below from these arrays with the
// spec's formula, not by the code under test. Results are placed on `day` (received a week
// earlier, due on `day` for on-time ones and the day before for late ones). Q1 2025 holds no
// application driven through the API, so nothing else counts.
type Dept = 'D' | 'E' | 'G';
const FROM = '2025-01-01';
const TO = '2025-03-31';
const ROLLUPS: Array<{ day: string; dept: Dept; early: number; onTime: number; late: number }> = [
  { day: '2025-01-15', dept: 'D', early: 3, onTime: 4, late: 1 },
  { day: '2025-02-10', dept: 'E', early: 1, onTime: 0, late: 1 },
  { day: '2025-03-05', dept: 'G', early: 2, onTime: 2, late: 0 },
  { day: '2025-04-02', dept: 'D', early: 0, onTime: 0, late: 5 }, // after the range
];
const RANGE_START = Date.parse('2024-12-31T17:00:00Z'); // 00:00 on 1/1/2025 in Hà Nội
const RANGE_END = Date.parse('2025-03-31T17:00:00Z'); // 00:00 on 1/4/2025 in Hà Nội
const RATINGS: Array<{ dept: Dept; at: string; score: number }> = [
  { dept: 'D', at: '2024-12-31T17:00:00Z', score: 5 }, // the range's first instant
  { dept: 'D', at: '2025-01-20T03:00:00Z', score: 4 },
  { dept: 'D', at: '2025-02-01T03:00:00Z', score: 1 },
  { dept: 'D', at: '2025-02-14T03:00:00Z', score: 2 },
  { dept: 'D', at: '2025-03-01T03:00:00Z', score: 3 },
  { dept: 'D', at: '2025-03-15T03:00:00Z', score: 5 },
  { dept: 'D', at: '2025-03-20T03:00:00Z', score: 5 },
  { dept: 'D', at: '2025-03-31T16:59:59Z', score: 4 }, // 23:59:59 on 31/3 in Hà Nội
  { dept: 'D', at: '2025-03-31T17:00:00Z', score: 1 }, // 1/4 in Hà Nội: after the range
  { dept: 'D', at: '2024-12-31T16:59:59Z', score: 1 }, // 31/12/2024 in Hà Nội: before it
  { dept: 'E', at: '2025-02-11T03:00:00Z', score: 1 },
  { dept: 'E', at: '2025-02-12T03:00:00Z', score: 4 },
  { dept: 'G', at: '2025-03-06T03:00:00Z', score: 5 },
  { dept: 'G', at: '2025-03-06T04:00:00Z', score: 4 },
  { dept: 'G', at: '2025-03-07T03:00:00Z', score: 3 },
];
const NEGATIVE_AT_MOST = 2; // the default scale, 1–5

const round2 = (x: number) => Math.round(x * 100) / 100;

/** K8 = 100 % − (overdue rate + share of rated applications rated negatively), spec section 4. */
function expectedK8(only?: Dept) {
  const rolls = ROLLUPS.filter((r) => r.day >= FROM && r.day <= TO && (!only || r.dept === only));
  const good = rolls.reduce((n, r) => n + r.early + r.onTime, 0);
  const total = rolls.reduce((n, r) => n + r.early + r.onTime + r.late, 0);
  const k1 = round2((good / total) * 100);
  const rated = RATINGS.filter(
    (r) =>
      Date.parse(r.at) >= RANGE_START && Date.parse(r.at) < RANGE_END && (!only || r.dept === only),
  );
  const negative = rated.filter((r) => r.score <= NEGATIVE_AT_MOST).length;
  const value = Math.max(0, round2(100 - (100 - k1 + (negative / rated.length) * 100)));
  return { value, negative, rated: rated.length };
}

describe('K8 satisfaction in the metrics summary', () => {
  let t: TestApp;
  const depts = {} as Record<Dept, DepartmentRow>;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    const procs = {} as Record<Dept, ProcedureRow>;
    for (const key of ['D', 'E', 'G'] as const) {
      depts[key] = await t.factory.department();
      procs[key] = await t.factory.procedure({ departmentId: depts[key].id });
    }
    let n = 0;
    for (const r of ROLLUPS) {
      const at = `${r.day}T10:00:00+07:00`;
      const daysBefore = (k: number) => new Date(Date.parse(at) - k * 86_400_000).toISOString();
      for (const [verdict, times, due] of [
        ['early', r.early, daysBefore(-2)],
        ['on_day', r.onTime, daysBefore(0)],
        ['late', r.late, daysBefore(1)],
      ] as const) {
        for (let i = 0; i < times; i += 1) {
          await insertK1Application(t.db, {
            department: depts[r.dept],
            procedure: procs[r.dept],
            code: `K1-${(n += 1)}`,
            // Received the day before the result: inside the same quarter as the result.
            receivedAt: daysBefore(1),
            dueAt: due,
            ending: { category: 'resolved', verdict, at },
          });
        }
      }
    }
    for (const [i, r] of RATINGS.entries()) {
      const id = randomUUID();
      const { id: departmentId, agencyCode } = depts[r.dept];
      const procedure = procs[r.dept];
      await t.db.query(
        `INSERT INTO applications (id, code, agency_code, department_id, procedure_id, procedure_code, channel, status,
           applicant_full_name, applicant_id_number, applicant_phone, search_text, received_at, result_ready_at, returned_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'direct', 'result_returned', 'Lê Thị Hoa', '001099000002', '0912345678', $2,
           $7::timestamptz - interval '10 days', $7::timestamptz - interval '2 days', $7::timestamptz - interval '1 day')`,
        [id, `K8-${i}`, agencyCode, departmentId, procedure.id, procedure.code, r.at],
      );
      await t.db.query(
        `INSERT INTO satisfaction_ratings (application_id, score, rated_at, department_id, procedure_id, channel)
         VALUES ($1, $2, $3, $4, $5, 'direct')`,
        [id, r.score, r.at, departmentId, procedure.id],
      );
    }
    admin = await t.tokenFor(Role.Admin);
  });
  afterAll(() => closeTestApp(t));

  const k8 = async (from: string, to: string, departmentId?: string) => {
    const query = `from=${from}&to=${to}${departmentId ? `&departmentId=${departmentId}` : ''}`;
    const res = await t.http
      .get(`/api/v1/metrics/summary?${query}`)
      .set('authorization', `Bearer ${admin}`)
      .expect(200);
    return res.body.kpis.find((k: { code: string }) => k.code === 'K8');
  };

  it.each([
    ['department D: 87.5 % on time, 2 of 8 negative', 'D', 'missed'],
    ['department E: half late, half negative', 'E', 'missed'],
    ['department G: all on time, none negative', 'G', 'met'],
    ['the whole province', undefined, 'missed'],
  ] as const)('%s', async (_, dept, status) => {
    const e = expectedK8(dept);
    const kpi = await k8(FROM, TO, dept && depts[dept].id);
    expect(kpi).toMatchObject({ value: e.value, target: 90, status, unit: 'percent' });
    expect(kpi.note).toContain(`${e.negative} of ${e.rated} ratings given in the range`);
    expect(kpi.note).toContain('0 with a PAKN');
  });

  it('a rating at 00:00 on 1/4 belongs to April: D in April is 0 % (all late, 1 of 1 negative)', async () => {
    const kpi = await k8('2025-04-01', '2025-04-30', depts.D.id);
    expect(kpi).toMatchObject({ value: 0, status: 'missed' });
    expect(kpi.note).toContain('1 of 1 ratings');
  });

  it('no rating in the range → no figure, said so, PAKN still named', async () => {
    const kpi = await k8('2025-05-01', '2025-05-31');
    expect(kpi).toMatchObject({ value: null, target: 90, status: 'not_available' });
    expect(kpi.note).toMatch(/no satisfaction rating was given and no PAKN/);
  });
});
