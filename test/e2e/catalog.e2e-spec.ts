import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';

type Detail = { field: string; reason: string };
const fieldsOf = (body: { details: Detail[] }) => new Set(body.details.map((d) => d.field));
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

describe('catalog', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const auth = async (role: Role) => {
    const scoped = role === Role.Officer || role === Role.Head;
    const department = scoped ? (await t.factory.department()).id : undefined;
    return { Authorization: `Bearer ${await t.tokenFor(role, department)}` };
  };
  const rowsOf = async (table: 'departments' | 'procedures') =>
    (await t.db.query(`SELECT * FROM ${table} ORDER BY id`)).rows;
  let codeSeq = 100000;
  const newCode = () => `1.${String((codeSeq += 7)).padStart(6, '0')}`;
  const procedureBody = (departmentId: string, code = newCode()) => ({
    code,
    name: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
    departmentId,
    timeLimit: { value: 5, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    eligibleFullOnline: true,
    onNationalPortal: true,
    postalIntake: true,
    source: 'Thông tư 21/2019/TT-BGDĐT',
  });

  describe('departments', () => {
    it('creates (admin), lists and reads (any role)', async () => {
      const created = await t.http
        .post('/api/v1/departments')
        .set(await auth(Role.Admin))
        .send({ code: 'GDTRH_1', name: 'Phòng Giáo dục Trung học', agencyCode: '000.12.34.H56' })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        code: 'GDTRH_1',
        name: 'Phòng Giáo dục Trung học',
        agencyCode: '000.12.34.H56',
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });

      const reception = await auth(Role.Reception);
      const list = await t.http.get('/api/v1/departments').set(reception).expect(200);
      expect(list.body).toContainEqual(created.body);
      const one = await t.http
        .get(`/api/v1/departments/${created.body.id}`)
        .set(reception)
        .expect(200);
      expect(one.body).toEqual(created.body);
      await t.http.get(`/api/v1/departments/${UNKNOWN_UUID}`).set(reception).expect(404);
    });

    it('refuses bad input, a taken code and non-admins, changing nothing', async () => {
      const existing = await t.factory.department();
      const admin = await auth(Role.Admin);
      const director = await auth(Role.Director);
      const before = await rowsOf('departments');

      const bad = await t.http
        .post('/api/v1/departments')
        .set(admin)
        .send({ code: 'có dấu', agencyCode: 123, parentId: 'x' })
        .expect(400);
      expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(bad.body)).toEqual(new Set(['code', 'name', 'agencyCode', 'parentId']));

      const duplicate = await t.http
        .post('/api/v1/departments')
        .set(admin)
        .send({ code: existing.code, name: 'Trùng mã', agencyCode: 'T0001' })
        .expect(409);
      expect(duplicate.body).toMatchObject({
        statusCode: 409,
        code: 'DUPLICATE',
        details: [{ field: 'code', reason: expect.any(String) }],
        current: { id: existing.id, code: existing.code },
      });

      await t.http
        .post('/api/v1/departments')
        .set(director)
        .send({ code: 'MOI', name: 'Phòng mới', agencyCode: 'T0002' })
        .expect(403);
      expect(await rowsOf('departments')).toEqual(before);
    });

    it('updates with the version read, and answers a stale version with 409 and the current row', async () => {
      const department = await t.factory.department();
      const admin = await auth(Role.Admin);
      const head = await auth(Role.Head);

      const updated = await t.http
        .patch(`/api/v1/departments/${department.id}`)
        .set(admin)
        .send({ version: 1, name: 'Phòng Giáo dục Tiểu học' })
        .expect(200);
      expect(updated.body).toMatchObject({
        id: department.id,
        name: 'Phòng Giáo dục Tiểu học',
        code: department.code,
        version: 2,
      });

      const before = await rowsOf('departments');
      const stale = await t.http
        .patch(`/api/v1/departments/${department.id}`)
        .set(admin)
        .send({ version: 1, name: 'Tên cũ' })
        .expect(409);
      expect(stale.body).toMatchObject({
        statusCode: 409,
        code: 'STALE_VERSION',
        details: [{ field: 'version', reason: expect.any(String) }],
        current: { id: department.id, version: 2, name: 'Phòng Giáo dục Tiểu học' },
      });

      const missingVersion = await t.http
        .patch(`/api/v1/departments/${department.id}`)
        .set(admin)
        .send({ name: 42 })
        .expect(400);
      expect(fieldsOf(missingVersion.body)).toEqual(new Set(['version', 'name']));
      const badId = await t.http
        .patch('/api/v1/departments/abc')
        .set(admin)
        .send({ version: 2 })
        .expect(400);
      expect(badId.body.details).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
      await t.http
        .patch(`/api/v1/departments/${department.id}`)
        .set(head)
        .send({ version: 2, name: 'Tự đổi tên' })
        .expect(403);
      expect(await rowsOf('departments')).toEqual(before);
    });
  });

  describe('procedures', () => {
    it('creates version 1 (admin) and serves it to every role', async () => {
      const department = await t.factory.department();
      const body = procedureBody(department.id);
      const created = await t.http
        .post('/api/v1/procedures')
        .set(await auth(Role.Admin))
        .send(body)
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        code: body.code,
        version: 1,
        isCurrent: true,
        name: body.name,
        departmentId: department.id,
        timeLimit: { value: 5, unit: 'working_days' },
        onlineLevel: 'partial',
        feeVnd: 0,
        eligibleFullOnline: true,
        onNationalPortal: true,
        // Accepts dossiers by post; results by post not said: false.
        postalIntake: true,
        postalReturn: false,
        source: 'Thông tư 21/2019/TT-BGDĐT',
        // Spec §1, the default for a new procedure: the head reviews, the director signs.
        reviewChain: [
          { stage: 'review', role: 'head' },
          { stage: 'sign', role: 'director' },
        ],
        createdAt: expect.any(String),
      });
      const read = await t.http
        .get(`/api/v1/procedures/${body.code}`)
        .set(await auth(Role.Officer))
        .expect(200);
      expect(read.body).toEqual(created.body);
      await t.http
        .get('/api/v1/procedures/9.999999')
        .set(await auth(Role.Reception))
        .expect(404);
    });

    it('names every bad field, and changes nothing', async () => {
      const admin = await auth(Role.Admin);
      const before = await rowsOf('procedures');
      const res = await t.http
        .post('/api/v1/procedures')
        .set(admin)
        .send({
          code: '1.23',
          departmentId: 'not-a-uuid',
          timeLimit: { value: -1, unit: 'weeks' },
          onlineLevel: 'level4',
          feeVnd: 1500.5,
          eligibleFullOnline: 'yes',
          fee: 100,
        })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(res.body)).toEqual(
        new Set([
          'code',
          'name',
          'departmentId',
          'timeLimit.value',
          'timeLimit.unit',
          'onlineLevel',
          'feeVnd',
          'eligibleFullOnline',
          'fee',
        ]),
      );
      expect(res.body.details).toContainEqual({ field: 'fee', reason: 'unknown field' });

      const noLimit = await t.http
        .post('/api/v1/procedures')
        .set(admin)
        .send({ ...procedureBody(UNKNOWN_UUID), timeLimit: 'five days' })
        .expect(400);
      expect(fieldsOf(noLimit.body)).toEqual(new Set(['timeLimit']));

      const unknownDepartment = await t.http
        .post('/api/v1/procedures')
        .set(admin)
        .send(procedureBody(UNKNOWN_UUID))
        .expect(400);
      expect(unknownDepartment.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        details: [{ field: 'departmentId', reason: 'does not match any department' }],
      });

      const huge = await t.http
        .post('/api/v1/procedures')
        .set(admin)
        .send({ ...procedureBody(UNKNOWN_UUID), source: 'x'.repeat(10 * 1024 * 1024) })
        .expect(413);
      expect(huge.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
      expect(await rowsOf('procedures')).toEqual(before);
    });

    it('refuses an existing code with 409 and the current version, and non-admin writes', async () => {
      const existing = await t.factory.procedure({ code: newCode() });
      const headers = await Promise.all([Role.Reception, Role.Head, Role.Director].map(auth));
      const admin = await auth(Role.Admin);
      const before = await rowsOf('procedures');

      const res = await t.http
        .post('/api/v1/procedures')
        .set(admin)
        .send(procedureBody(existing.departmentId, existing.code))
        .expect(409);
      expect(res.body).toMatchObject({
        statusCode: 409,
        code: 'DUPLICATE',
        details: [{ field: 'code', reason: expect.any(String) }],
        current: { id: existing.id, code: existing.code, version: 1 },
      });
      for (const header of headers) {
        await t.http
          .post('/api/v1/procedures')
          .set(header)
          .send(procedureBody(existing.departmentId))
          .expect(403);
        await t.http
          .put(`/api/v1/procedures/${existing.code}`)
          .set(header)
          .send(procedureBody(existing.departmentId))
          .expect(403);
      }
      expect(await rowsOf('procedures')).toEqual(before);
    });

    it('publishes a new version on PUT and leaves version 1 untouched', async () => {
      const department = await t.factory.department();
      const admin = await auth(Role.Admin);
      const { code, ...content } = procedureBody(department.id);
      await t.http
        .post('/api/v1/procedures')
        .set(admin)
        .send({ code, ...content })
        .expect(201);
      const v1Row = (await t.db.query(`SELECT * FROM procedures WHERE code = $1`, [code])).rows[0];

      const v2 = await t.http
        .put(`/api/v1/procedures/${code}`)
        .set(admin)
        .send({
          ...content,
          version: 1,
          timeLimit: { value: 3, unit: 'working_days' },
          feeVnd: 50000,
        })
        .expect(200);
      expect(v2.body).toMatchObject({
        code,
        version: 2,
        isCurrent: true,
        timeLimit: { value: 3, unit: 'working_days' },
        feeVnd: 50000,
      });
      expect(v2.body.id).not.toBe(v1Row.id);

      const v1After = (await t.db.query(`SELECT * FROM procedures WHERE id = $1`, [v1Row.id]))
        .rows[0];
      expect(v1After).toEqual({ ...v1Row, is_current: false });

      const reception = await auth(Role.Reception);
      const current = await t.http.get(`/api/v1/procedures/${code}`).set(reception).expect(200);
      expect(current.body.version).toBe(2);
      const old = await t.http
        .get(`/api/v1/procedures/${code}`)
        .query({ version: 1 })
        .set(reception)
        .expect(200);
      expect(old.body).toMatchObject({ version: 1, isCurrent: false, timeLimit: { value: 5 } });
      const versions = await t.http
        .get(`/api/v1/procedures/${code}/versions`)
        .set(reception)
        .expect(200);
      expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1, 2]);

      const stale = await t.http
        .put(`/api/v1/procedures/${code}`)
        .set(admin)
        .send({ ...content, version: 1 })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', current: { version: 2 } });
      await t.http.put('/api/v1/procedures/9.999999').set(admin).send(content).expect(404);
      const badPut = await t.http
        .put(`/api/v1/procedures/${code}`)
        .set(admin)
        .send({ ...content, code: '1.000001', onlineLevel: 'all' })
        .expect(400);
      expect(fieldsOf(badPut.body)).toEqual(new Set(['code', 'onlineLevel']));
      const count = await t.db.query(`SELECT count(*)::int AS n FROM procedures WHERE code = $1`, [
        code,
      ]);
      expect(count.rows[0].n).toBe(2);
    });

    it('serialises concurrent PUTs of one code: versions 2 and 3, one current', async () => {
      const department = await t.factory.department();
      const admin = await auth(Role.Admin);
      const { code, ...content } = procedureBody(department.id);
      await t.http
        .post('/api/v1/procedures')
        .set(admin)
        .send({ code, ...content })
        .expect(201);

      const results = await Promise.all(
        [3, 4].map((days) =>
          t.http
            .put(`/api/v1/procedures/${code}`)
            .set(admin)
            .send({ ...content, timeLimit: { value: days, unit: 'working_days' } }),
        ),
      );

      expect(results.map((r) => r.status)).toEqual([200, 200]);
      expect(results.map((r) => r.body.version).sort()).toEqual([2, 3]);
      const rows = await t.db.query(
        `SELECT version, is_current FROM procedures WHERE code = $1 ORDER BY version`,
        [code],
      );
      expect(rows.rows).toEqual([
        { version: 1, is_current: false },
        { version: 2, is_current: false },
        { version: 3, is_current: true },
      ]);
    });

    it('searches current versions by code or name, ignoring accents, with filters', async () => {
      const department = await t.factory.department();
      const other = await t.factory.department();
      const admin = await auth(Role.Admin);
      const copy = procedureBody(department.id);
      await t.http
        .post('/api/v1/procedures')
        .set(admin)
        .send({ ...copy, name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc', onlineLevel: 'full' })
        .expect(201);
      await t.http
        .put(`/api/v1/procedures/${copy.code}`)
        .set(admin)
        .send({
          ...copy,
          code: undefined,
          name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc',
          onlineLevel: 'full',
        })
        .expect(200);
      await t.http
        .post('/api/v1/procedures')
        .set(admin)
        .send({ ...procedureBody(other.id), name: 'Đăng ký hoạt động giáo dục nghề nghiệp' })
        .expect(201);
      const reception = await auth(Role.Reception);
      const search = async (query: Record<string, string>) =>
        (await t.http.get('/api/v1/procedures').query(query).set(reception).expect(200))
          .body as Array<{
          code: string;
          version: number;
        }>;

      expect(await search({ q: 'cap ban SAO' })).toEqual([
        expect.objectContaining({ code: copy.code, version: 2 }),
      ]);
      expect((await search({ q: 'dang ky hoat dong' })).length).toBe(1);
      expect((await search({ q: copy.code })).map((p) => p.code)).toEqual([copy.code]);
      expect((await search({ departmentId: other.id })).length).toBe(1);
      expect(
        (await search({ departmentId: department.id, onlineLevel: 'full' })).map((p) => p.code),
      ).toEqual([copy.code]);
      expect(await search({ q: '100%_' })).toEqual([]);

      const bad = await t.http
        .get('/api/v1/procedures')
        .query({ onlineLevel: 'x', limit: 0, departmentId: 'y', sort: 'name' })
        .set(reception)
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(new Set(['onlineLevel', 'limit', 'departmentId', 'sort']));
    });
  });
});
