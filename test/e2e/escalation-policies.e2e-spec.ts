import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, expectError } from './support/drive';

const POLICIES = '/api/v1/escalation-policies';
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

describe('escalation policies (admin API)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      ESCALATION_OVERDUE_WORKING_DAYS: '2',
      APOLOGY_DEFAULT_WORKING_DAYS: '5',
      SUPERVISING_OFFICE_EMAIL: 'thanhtra@example.vn',
    });
  });
  afterAll(() => closeTestApp(t));

  const auth = async (role: Role) => {
    const scoped = role === Role.Officer || role === Role.Head;
    const department = scoped ? (await t.factory.department()).id : undefined;
    return { Authorization: `Bearer ${await t.tokenFor(role, department)}` };
  };
  const policyRows = async () =>
    (await t.db.query(`SELECT * FROM escalation_policies ORDER BY id`)).rows;
  const scope = async (timeLimitValue = 5) => {
    const department = await t.factory.department();
    const procedure = await t.factory.procedure({ departmentId: department.id, timeLimitValue });
    return { department, procedure };
  };

  it('creates, lists, reads, replaces and deletes an override', async () => {
    const admin = await auth(Role.Admin);
    const { department, procedure } = await scope();
    const body = { departmentId: department.id, procedureId: procedure.id, overdueWorkingDays: 3 };

    const created = await t.http.put(POLICIES).set(admin).send(body).expect(201);
    expect(created.headers.location).toBe(`${POLICIES}/${created.body.id}`);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      departmentId: department.id,
      departmentName: department.name,
      procedureId: procedure.id,
      procedureCode: procedure.code,
      procedureName: `Thủ tục ${procedure.code}`,
      overdueWorkingDays: 3,
      supervisingOfficeEmail: null,
      apologyWorkingDays: null,
      version: 1,
      updatedAt: expect.any(String),
      updatedBy: expect.any(String),
    });
    const id = created.body.id as string;

    // The same body again, without a version: nothing changes, not even the version.
    const again = await t.http.put(POLICIES).set(admin).send(body).expect(200);
    expect(again.body).toEqual(created.body);

    const director = await auth(Role.Director);
    const list = await t.http.get(POLICIES).set(director).expect(200);
    expect(list.body).toContainEqual(created.body);
    const one = await t.http.get(`${POLICIES}/${id}`).set(director).expect(200);
    expect(one.body).toEqual(created.body);

    // PUT replaces the whole override: a value left out goes back to inheriting.
    const replaced = await t.http
      .put(POLICIES)
      .set(admin)
      .send({
        departmentId: department.id,
        procedureId: procedure.id,
        apologyWorkingDays: 8,
        supervisingOfficeEmail: 'vanphong@example.vn',
        version: 1,
      })
      .expect(200);
    expect(replaced.body).toMatchObject({
      id,
      overdueWorkingDays: null,
      apologyWorkingDays: 8,
      supervisingOfficeEmail: 'vanphong@example.vn',
      version: 2,
    });

    await t.http.delete(`${POLICIES}/${id}`).set(admin).query({ version: 2 }).expect(204);
    await t.http.get(`${POLICIES}/${id}`).set(admin).expect(404);
    await t.http.delete(`${POLICIES}/${id}`).set(admin).expect(404);
    expect((await t.http.get(POLICIES).set(admin).expect(200)).body).not.toContainEqual(
      expect.objectContaining({ id }),
    );
  });

  it('resolves the effective policy: department + procedure > procedure > department > global > default', async () => {
    const admin = await auth(Role.Admin);
    const { department, procedure } = await scope(6);
    const effective = async () =>
      (
        await t.http
          .get(`${POLICIES}/effective`)
          .set(await auth(Role.Director))
          .query({ departmentId: department.id, procedureId: procedure.id })
          .expect(200)
      ).body;
    const put = async (values: object) =>
      (await t.http.put(POLICIES).set(admin).send(values).expect(201)).body.id as string;

    expect(await effective()).toEqual({
      departmentId: department.id,
      departmentName: department.name,
      procedureId: procedure.id,
      procedureCode: procedure.code,
      procedureName: `Thủ tục ${procedure.code}`,
      overdueWorkingDays: { value: 2, source: 'config', overrideId: null },
      supervisingOfficeEmail: { value: 'thanhtra@example.vn', source: 'config', overrideId: null },
      apologyWorkingDays: { value: 6, source: 'procedure_time_limit', overrideId: null },
    });

    const global = await put({ overdueWorkingDays: 9, apologyWorkingDays: 11 });
    expect(await effective()).toMatchObject({
      overdueWorkingDays: { value: 9, source: 'global', overrideId: global },
      apologyWorkingDays: { value: 11, source: 'global', overrideId: global },
    });
    const byDepartment = await put({
      departmentId: department.id,
      overdueWorkingDays: 4,
      supervisingOfficeEmail: 'phong@example.vn',
    });
    const byProcedure = await put({ procedureId: procedure.id, overdueWorkingDays: 3 });
    expect(await effective()).toMatchObject({
      overdueWorkingDays: { value: 3, source: 'procedure', overrideId: byProcedure },
      supervisingOfficeEmail: {
        value: 'phong@example.vn',
        source: 'department',
        overrideId: byDepartment,
      },
      apologyWorkingDays: { value: 11, source: 'global' },
    });
    const both = await put({
      departmentId: department.id,
      procedureId: procedure.id,
      overdueWorkingDays: 7,
    });
    expect((await effective()).overdueWorkingDays).toEqual({
      value: 7,
      source: 'department_procedure',
      overrideId: both,
    });

    // Without a department, the procedure's own department is assumed.
    const procedureOnly = await t.http
      .get(`${POLICIES}/effective`)
      .set(admin)
      .query({ procedureId: procedure.id })
      .expect(200);
    expect(procedureOnly.body).toMatchObject({
      departmentId: department.id,
      overdueWorkingDays: { value: 7, source: 'department_procedure' },
    });
    // Another department with this procedure: the procedure row still applies.
    const elsewhere = await t.factory.department();
    const other = await t.http
      .get(`${POLICIES}/effective`)
      .set(admin)
      .query({ departmentId: elsewhere.id, procedureId: procedure.id })
      .expect(200);
    expect(other.body).toMatchObject({
      overdueWorkingDays: { value: 3, source: 'procedure' },
      supervisingOfficeEmail: { value: 'thanhtra@example.vn', source: 'config' },
    });

    // The global row would leak into every other test of this file.
    await t.http.delete(`${POLICIES}/${global}`).set(admin).expect(204);
    expect((await effective()).apologyWorkingDays).toMatchObject({
      value: 6,
      source: 'procedure_time_limit',
    });
  });

  it('names each bad field and changes nothing', async () => {
    const admin = await auth(Role.Admin);
    const { department, procedure } = await scope();
    await t.http
      .put(POLICIES)
      .set(admin)
      .send({ departmentId: department.id, overdueWorkingDays: 5 })
      .expect(201);
    const before = await policyRows();
    const put = (body: object) => t.http.put(POLICIES).set(admin).send(body);
    // Each patch spoils one field of a valid replacement of the existing row.
    const valid = { departmentId: department.id, overdueWorkingDays: 3 };
    const cases: Array<[string, object, RegExp]> = [
      ['departmentId', { departmentId: UNKNOWN_UUID }, /does not match any department/],
      ['procedureId', { procedureId: UNKNOWN_UUID }, /does not match any procedure/],
      ['departmentId', { departmentId: 'phong-1' }, /UUID/],
      ['overdueWorkingDays', { overdueWorkingDays: 0 }, /less than 1/],
      ['overdueWorkingDays', { overdueWorkingDays: -2 }, /less than 1/],
      ['overdueWorkingDays', { overdueWorkingDays: 61 }, /greater than 60/],
      ['overdueWorkingDays', { overdueWorkingDays: 2.5 }, /integer/],
      ['overdueWorkingDays', { overdueWorkingDays: '3' }, /integer/],
      ['apologyWorkingDays', { apologyWorkingDays: -1 }, /less than 1/],
      ['supervisingOfficeEmail', { supervisingOfficeEmail: 'thanh tra' }, /e-mail/],
      ['level4', { level4: 3 }, /unknown field/],
      ['version', { version: 0 }, /less than 1/],
      ['body', { overdueWorkingDays: undefined }, /at least one/],
      ['body', { overdueWorkingDays: null }, /at least one/],
    ];
    for (const [field, patch, reason] of cases) {
      const res = await put({ ...valid, ...patch });
      expectError(res, 400, 'VALIDATION_FAILED', [field]);
      const reasons = (res.body.details as Array<{ reason: string }>).map((d) => d.reason);
      expect(reasons).toContainEqual(expect.stringMatching(reason));
    }
    const both = await put({
      departmentId: UNKNOWN_UUID,
      procedureId: UNKNOWN_UUID,
      overdueWorkingDays: 3,
    });
    expectError(both, 400, 'VALIDATION_FAILED', ['departmentId', 'procedureId']);

    const effective = await t.http
      .get(`${POLICIES}/effective`)
      .set(admin)
      .query({ departmentId: UNKNOWN_UUID, procedureId: procedure.id });
    expectError(effective, 400, 'VALIDATION_FAILED', ['departmentId']);
    const badQuery = await t.http
      .get(`${POLICIES}/effective`)
      .set(admin)
      .query({ procedureId: 'x', extra: 1 });
    expectError(badQuery, 400, 'VALIDATION_FAILED', ['procedureId', 'extra']);
    expectError(await t.http.get(`${POLICIES}/abc`).set(admin), 400, 'VALIDATION_FAILED', ['id']);
    expectError(
      await t.http.delete(`${POLICIES}/1`).set(admin).query({ version: 'two' }),
      400,
      'VALIDATION_FAILED',
      ['version'],
    );
    expect(await policyRows()).toEqual(before);
  });

  it('lets directors read, and refuses every other non-admin, changing nothing', async () => {
    const admin = await auth(Role.Admin);
    const { department } = await scope();
    const created = await t.http
      .put(POLICIES)
      .set(admin)
      .send({ departmentId: department.id, overdueWorkingDays: 5 })
      .expect(201);
    const before = await policyRows();
    const director = await auth(Role.Director);
    await t.http.get(POLICIES).set(director).expect(200);
    await t.http.get(`${POLICIES}/effective`).set(director).expect(200);
    const write = { departmentId: department.id, overdueWorkingDays: 1 };
    expectError(await t.http.put(POLICIES).set(director).send(write), 403, 'FORBIDDEN');
    expectError(
      await t.http.delete(`${POLICIES}/${created.body.id}`).set(director),
      403,
      'FORBIDDEN',
    );
    for (const role of [Role.Officer, Role.Head, Role.Reception]) {
      const headers = await auth(role);
      expectError(await t.http.get(POLICIES).set(headers), 403, 'FORBIDDEN');
      expectError(await t.http.get(`${POLICIES}/effective`).set(headers), 403, 'FORBIDDEN');
      expectError(await t.http.put(POLICIES).set(headers).send(write), 403, 'FORBIDDEN');
      expectError(
        await t.http.delete(`${POLICIES}/${created.body.id}`).set(headers),
        403,
        'FORBIDDEN',
      );
    }
    await t.http.get(POLICIES).expect(401);
    expect(await policyRows()).toEqual(before);
  });

  it('answers a stale version with 409 and the current row, changing nothing', async () => {
    const admin = await auth(Role.Admin);
    const { department, procedure } = await scope();
    const target = { departmentId: department.id, procedureId: procedure.id };
    await t.http
      .put(POLICIES)
      .set(admin)
      .send({ ...target, overdueWorkingDays: 3 })
      .expect(201);
    const current = await t.http
      .put(POLICIES)
      .set(admin)
      .send({ ...target, overdueWorkingDays: 4, version: 1 })
      .expect(200);
    expect(current.body.version).toBe(2);
    const before = await policyRows();

    const stale = await t.http
      .put(POLICIES)
      .set(admin)
      .send({ ...target, overdueWorkingDays: 5, version: 1 });
    expectError(stale, 409, 'STALE_VERSION', ['version']);
    expect(stale.body.current).toMatchObject({
      id: current.body.id,
      version: 2,
      overdueWorkingDays: 4,
    });
    const staleDelete = await t.http
      .delete(`${POLICIES}/${current.body.id}`)
      .set(admin)
      .query({ version: 1 });
    expectError(staleDelete, 409, 'STALE_VERSION', ['version']);
    expect(staleDelete.body.current).toMatchObject({ id: current.body.id, version: 2 });

    // A version for a scope that has no override (deleted meanwhile) is stale too.
    const gone = await t.http
      .put(POLICIES)
      .set(admin)
      .send({ departmentId: department.id, overdueWorkingDays: 5, version: 3 });
    expectError(gone, 409, 'STALE_VERSION', ['version']);
    expect(gone.body.current).toBeNull();
    expect(await policyRows()).toEqual(before);
  });

  it('creates one row when the same scope is PUT concurrently', async () => {
    const admin = await auth(Role.Admin);
    const { department } = await scope();
    const responses = await Promise.all(
      [3, 4, 5, 6].map((days) =>
        t.http
          .put(POLICIES)
          .set(admin)
          .send({ departmentId: department.id, overdueWorkingDays: days }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    const { rows } = await t.db.query(
      `SELECT overdue_working_days, version FROM escalation_policies WHERE department_id = $1`,
      [department.id],
    );
    expect(rows).toHaveLength(1);
    // Each later PUT replaced different values: three replacements after the one create.
    expect(rows[0].version).toBe(4);
  });
});
