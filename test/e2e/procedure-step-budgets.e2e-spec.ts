import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { expectError } from './support/drive';

/**
 * Issue 15's API to edit step budgets: an admin sets each department's working days for its
 * liên thông step of a procedure; bad input is refused naming the field, nothing changes; each
 * change is in the audit log with before and after; a new version keeps them.
 */
describe('procedure step budgets (admin)', () => {
  let t: TestApp;
  let admin: string;
  let a: string;
  let b: string;
  let code: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor(Role.Admin);
    a = (await t.factory.department({ name: 'Phòng Giáo dục Trung học' })).id;
    b = (await t.factory.department({ name: 'Phòng Kế hoạch – Tài chính' })).id;
    code = (
      await t.factory.procedure({
        departmentId: a,
        timeLimitValue: 10,
        timeLimitUnit: 'working_days',
      })
    ).code;
  });
  afterAll(() => t.close());

  const put = (budgets: unknown, token = admin) =>
    t.http
      .put(`/api/v1/procedures/${code}/step-budgets`)
      .set('authorization', `Bearer ${token}`)
      .send({ budgets });
  const rows = async () =>
    (
      await t.db.query(
        `SELECT p.version, b.department_id AS "departmentId", b.working_days AS "workingDays"
         FROM procedure_step_budgets b JOIN procedures p ON p.id = b.procedure_id
         WHERE p.code = $1 ORDER BY p.version, b.working_days`,
        [code],
      )
    ).rows;

  it('sets the budgets, audited, and serves them to every role', async () => {
    const res = await put([
      { departmentId: a, workingDays: 4 },
      { departmentId: b, workingDays: 3 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { departmentId: a, departmentName: 'Phòng Giáo dục Trung học', workingDays: 4 },
      { departmentId: b, departmentName: 'Phòng Kế hoạch – Tài chính', workingDays: 3 },
    ]);
    const officer = await t.tokenFor(Role.Officer, a);
    const read = await t.http
      .get(`/api/v1/procedures/${code}/step-budgets`)
      .set('authorization', `Bearer ${officer}`);
    expect(read.body).toEqual(res.body);
    const { rows: audit } = await t.db.query<{ event: string; details: Record<string, unknown> }>(
      `SELECT event, details FROM security_audit_log WHERE event = 'procedure.step_budgets.changed'`,
    );
    expect(audit).toEqual([
      {
        event: 'procedure.step_budgets.changed',
        details: expect.objectContaining({
          before: [],
          after: [
            { departmentId: a, workingDays: 4 },
            { departmentId: b, workingDays: 3 },
          ],
        }),
      },
    ]);
  });

  it('refuses bad budgets and non-admins, naming the field, changing nothing', async () => {
    const before = await rows();
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectError(await put([{ departmentId: a, workingDays: 11 }]), 400, 'VALIDATION_FAILED', [
      'budgets[0].workingDays',
    ]);
    expectError(
      await put([
        { departmentId: b, workingDays: 1 },
        { departmentId: b, workingDays: 2 },
      ]),
      400,
      'VALIDATION_FAILED',
      ['budgets[1].departmentId'],
    );
    expectError(await put([{ departmentId: unknown, workingDays: 1 }]), 400, 'VALIDATION_FAILED', [
      'budgets[0].departmentId',
    ]);
    expectError(await put([{ departmentId: a, workingDays: -1 }]), 400, 'VALIDATION_FAILED', [
      'budgets[0].workingDays',
    ]);
    expectError(await put([], await t.tokenFor(Role.Head, a)), 403, 'FORBIDDEN');
    expect(await rows()).toEqual(before);
  });

  it('a new version of the procedure keeps its budgets', async () => {
    expect(
      (
        await put([
          { departmentId: a, workingDays: 4 },
          { departmentId: b, workingDays: 3 },
        ])
      ).status,
    ).toBe(200);
    const current = await t.http
      .get(`/api/v1/procedures/${code}`)
      .set('authorization', `Bearer ${admin}`);
    const version = current.body.version as number;
    await t.http
      .put(`/api/v1/procedures/${code}`)
      .set('authorization', `Bearer ${admin}`)
      .send({
        name: current.body.name,
        departmentId: a,
        timeLimit: { value: 10, unit: 'working_days' },
        onlineLevel: current.body.onlineLevel,
        feeVnd: 20_000,
        version,
      })
      .expect(200);
    const all = await rows();
    expect(all.filter((r) => r.version === version + 1)).toEqual(
      all.filter((r) => r.version === version).map((r) => ({ ...r, version: version + 1 })),
    );
    expect(all.filter((r) => r.version === version + 1)).toHaveLength(2);
  });
});
