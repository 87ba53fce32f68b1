import { randomUUID } from 'node:crypto';
import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { APPLICATIONS, applicantFor } from './support/drive';

// The desk's intake prepares from the procedure as this API process last read it (one round
// trip fewer per intake); the insert re-checks that the version is still current. A procedure
// republished since — by this process, by another one (a plain SQL change stands for it), or
// its department's agency code changed — must never give an application the old time limit,
// the old version or the old agency's code.

describe('intake from a cached procedure', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let reception: { Authorization: string };
  let department: { id: string; agencyCode: string };
  const code = '1.777001';
  const content = (days: number) => ({
    name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc',
    timeLimit: { value: days, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    eligibleFullOnline: false,
    onNationalPortal: true,
    postalIntake: true,
    source: 'Nghị định 23/2015/NĐ-CP',
  });

  beforeAll(async () => {
    t = await startTestApp();
    admin = { Authorization: `Bearer ${await t.tokenFor(Role.Admin)}` };
    reception = { Authorization: `Bearer ${await t.tokenFor(Role.Reception)}` };
    const created = await t.http
      .post('/api/v1/departments')
      .set(admin)
      .send({ code: 'VBCC', name: 'Phòng Quản lý văn bằng', agencyCode: '000.77.01.H56' })
      .expect(201);
    department = created.body;
    await t.http
      .post('/api/v1/procedures')
      .set(admin)
      .send({ code, departmentId: department.id, ...content(5) })
      .expect(201);
  });
  afterAll(() => t.close());

  const intake = (headers: Record<string, string> = {}) =>
    t.http
      .post(APPLICATIONS)
      .set({ ...reception, ...headers })
      .send({ procedureCode: code, channel: 'direct', applicant: applicantFor() })
      .expect(201);
  const pinned = async (applicationId: string) =>
    (
      await t.db.query<{ version: number; limit: number; agency: string }>(
        `SELECT p.version, p.time_limit_value AS "limit", a.agency_code AS agency
         FROM applications a JOIN procedures p ON p.id = a.procedure_id WHERE a.id = $1`,
        [applicationId],
      )
    ).rows[0];
  const counts = async () =>
    (
      await t.db.query<{ applications: number; counters: string }>(
        `SELECT (SELECT count(*)::int FROM applications) AS applications,
                (SELECT coalesce(sum(last_value), 0)::text FROM application_code_counters) AS counters`,
      )
    ).rows[0];

  it('takes the version republished through the API after the cache was filled', async () => {
    const first = await intake();
    expect(await pinned(first.body.id)).toEqual({ version: 1, limit: 5, agency: '000.77.01.H56' });
    // The cache is used: a change the application never makes (a version's row edited in
    // place) is not seen by the next intake, which did not read the procedure.
    await t.db.query(`UPDATE procedures SET name = 'Tên đã sửa trực tiếp' WHERE code = $1`, [code]);
    const cached = await intake();
    expect(cached.body.procedure).toMatchObject({ version: 1, name: content(5).name });

    await t.http
      .put(`/api/v1/procedures/${code}`)
      .set(admin)
      .send({ departmentId: department.id, ...content(10), version: 1 })
      .expect(200);
    const second = await intake();
    expect(await pinned(second.body.id)).toEqual({
      version: 2,
      limit: 10,
      agency: '000.77.01.H56',
    });
    expect(second.body.procedure).toMatchObject({ version: 2 });
  });

  it('takes a version another process published (its cache is not this one), with no gap in the codes', async () => {
    await intake(); // the cache holds version 2
    const before = await counts();
    // What another API process's publishVersion commits: retire the current row, add the next.
    await t.db.query(
      `WITH retired AS (UPDATE procedures SET is_current = false WHERE code = $1 AND is_current RETURNING *)
       INSERT INTO procedures (code, version, is_current, name, department_id, time_limit_value,
         time_limit_unit, online_level, fee_vnd)
       SELECT code, version + 1, true, name, department_id, 3, time_limit_unit, online_level, fee_vnd
       FROM retired`,
      [code],
    );
    const next = await intake();
    expect(await pinned(next.body.id)).toEqual({ version: 3, limit: 3, agency: '000.77.01.H56' });
    const after = await counts();
    // The refused first try wrote nothing and took no number: one application, one number.
    expect(after.applications).toBe(before.applications + 1);
    expect(Number(after.counters)).toBe(Number(before.counters) + 1);
  });

  it("takes the department's new agency code", async () => {
    await intake();
    await t.db.query(`UPDATE departments SET agency_code = '000.77.02.H56' WHERE id = $1`, [
      department.id,
    ]);
    const moved = await intake();
    expect(moved.body.code).toMatch(/^000\.77\.02\.H56-/);
    expect((await pinned(moved.body.id)).agency).toBe('000.77.02.H56');
  });

  it('with an Idempotency-Key: the retry commits once, and the key replays it', async () => {
    await intake();
    await t.db.query(
      `WITH retired AS (UPDATE procedures SET is_current = false WHERE code = $1 AND is_current RETURNING *)
       INSERT INTO procedures (code, version, is_current, name, department_id, time_limit_value,
         time_limit_unit, online_level, fee_vnd)
       SELECT code, version + 1, true, name, department_id, 7, time_limit_unit, online_level, fee_vnd
       FROM retired`,
      [code],
    );
    const key = `intake-${randomUUID()}`;
    const first = await intake({ 'Idempotency-Key': key });
    expect(await pinned(first.body.id)).toMatchObject({ version: 4, limit: 7 });
    const replay = await intake({ 'Idempotency-Key': key });
    expect(replay.headers['idempotency-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
  });
});
