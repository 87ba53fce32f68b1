import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';

type Detail = { field: string; reason: string };
const fieldsOf = (body: { details: Detail[] }) => new Set(body.details.map((d) => d.field));

describe('users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // Officers and heads always belong to a department (a CHECK in the schema).
  const auth = async (role: Role, departmentId?: string) => {
    const scoped = role === Role.Officer || role === Role.Head;
    const department = departmentId ?? (scoped ? (await t.factory.department()).id : undefined);
    return { Authorization: `Bearer ${await t.tokenFor(role, department)}` };
  };
  const userCount = async () =>
    Number((await t.db.query(`SELECT count(*) FROM users`)).rows[0].count);
  const userRow = async (id: string) =>
    (await t.db.query(`SELECT * FROM users WHERE id = $1`, [id])).rows[0];

  describe('POST /users', () => {
    it('creates an officer with an argon2id hash, who can then log in', async () => {
      const department = await t.factory.department();
      const res = await t.http
        .post('/api/v1/users')
        .set(await auth(Role.Admin))
        .send({
          username: 'chuyenvien_moi',
          password: 'mat-khau-moi-1',
          fullName: 'Lê Thị Hồng Nhung',
          email: 'nhung.lth@sogd.example.vn',
          role: 'officer',
          departmentId: department.id,
        })
        .expect(201);

      expect(res.body).toEqual({
        id: expect.any(String),
        username: 'chuyenvien_moi',
        fullName: 'Lê Thị Hồng Nhung',
        email: 'nhung.lth@sogd.example.vn',
        role: 'officer',
        departmentId: department.id,
        active: true,
        createdAt: expect.any(String),
      });
      const row = await userRow(res.body.id);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'chuyenvien_moi', password: 'mat-khau-moi-1' })
        .expect(200);
    });

    it('refuses a username already taken with 409 DUPLICATE, adding nothing', async () => {
      const existing = await t.factory.user({ role: Role.Reception });
      const before = await userCount();

      const res = await t.http
        .post('/api/v1/users')
        .set(await auth(Role.Admin))
        .send({
          username: existing.username,
          password: 'mat-khau-moi-1',
          fullName: 'Người trùng tên',
          role: 'reception',
        })
        .expect(409);

      expect(res.body).toMatchObject({
        statusCode: 409,
        code: 'DUPLICATE',
        details: [{ field: 'username', reason: 'is already taken' }],
      });
      expect(await userCount()).toBe(before);
    });

    it('names every bad field (missing, unknown, mistyped, wrong enum, short password)', async () => {
      const before = await userCount();
      const res = await t.http
        .post('/api/v1/users')
        .set(await auth(Role.Admin))
        .send({ username: 'Có Dấu', password: 'ngan', email: 42, role: 'boss', isRoot: true })
        .expect(400);

      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(res.body)).toEqual(
        new Set(['username', 'password', 'fullName', 'email', 'role', 'isRoot']),
      );
      expect(res.body.details).toContainEqual({ field: 'isRoot', reason: 'unknown field' });
      expect(res.body.details).toContainEqual({
        field: 'password',
        reason: 'must be longer than or equal to 8 characters',
      });
      expect(await userCount()).toBe(before);
    });

    it('requires an existing department for officers and heads', async () => {
      const before = await userCount();
      const base = { password: 'mat-khau-moi-1', fullName: 'Trưởng phòng mới' };

      const missing = await t.http
        .post('/api/v1/users')
        .set(await auth(Role.Admin))
        .send({ ...base, username: 'truongphong_moi', role: 'head' })
        .expect(400);
      expect(missing.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        details: [{ field: 'departmentId', reason: 'is required for role head' }],
      });

      const unknown = await t.http
        .post('/api/v1/users')
        .set(await auth(Role.Admin))
        .send({
          ...base,
          username: 'truongphong_moi',
          role: 'head',
          departmentId: '00000000-0000-4000-8000-000000000000',
        })
        .expect(400);
      expect(unknown.body.details).toEqual([
        { field: 'departmentId', reason: 'does not match any department' },
      ]);
      expect(await userCount()).toBe(before);
    });

    it('is for administrators only', async () => {
      const roles = [Role.Reception, Role.Director, Role.Head, Role.Officer];
      const headers = await Promise.all(roles.map((role) => auth(role)));
      const before = await userCount();
      for (const [i, role] of roles.entries()) {
        const res = await t.http
          .post('/api/v1/users')
          .set(headers[i])
          .send({
            username: `tu_tao_${role}`,
            password: 'mat-khau-moi-1',
            fullName: 'Tự tạo',
            role: 'admin',
          })
          .expect(403);
        expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', details: [] });
      }
      expect(await userCount()).toBe(before);
    });
  });

  describe('GET /users', () => {
    it('lists for admin and director with role and department filters, never a hash', async () => {
      const department = await t.factory.department();
      const officer = await t.factory.user({ role: Role.Officer, departmentId: department.id });
      await t.factory.user({ role: Role.Officer });

      const all = await t.http
        .get('/api/v1/users')
        .set(await auth(Role.Director))
        .expect(200);
      expect(all.body.length).toBeGreaterThanOrEqual(3);
      expect(JSON.stringify(all.body)).not.toMatch(/password|\$2[aby]\$/i);

      const filtered = await t.http
        .get('/api/v1/users')
        .query({ role: 'officer', departmentId: department.id })
        .set(await auth(Role.Admin))
        .expect(200);
      expect(filtered.body.map((u: { id: string }) => u.id)).toEqual([officer.id]);
    });

    it('shows a head only their own department', async () => {
      const department = await t.factory.department();
      const other = await t.factory.department();
      const colleague = await t.factory.user({ role: Role.Officer, departmentId: department.id });
      await t.factory.user({ role: Role.Officer, departmentId: other.id });
      const headAuth = await auth(Role.Head, department.id);

      const res = await t.http
        .get('/api/v1/users')
        .query({ role: 'officer' })
        .set(headAuth)
        .expect(200);
      expect(res.body.map((u: { id: string }) => u.id)).toEqual([colleague.id]);

      const foreign = await t.http
        .get('/api/v1/users')
        .query({ departmentId: other.id })
        .set(headAuth)
        .expect(403);
      expect(foreign.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    });

    it('refuses reception and officers, and bad filters', async () => {
      await t.http
        .get('/api/v1/users')
        .set(await auth(Role.Reception))
        .expect(403);
      await t.http
        .get('/api/v1/users')
        .set(await auth(Role.Officer))
        .expect(403);
      const res = await t.http
        .get('/api/v1/users')
        .query({ role: 'boss', departmentId: 'abc', page: 2 })
        .set(await auth(Role.Admin))
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(new Set(['role', 'departmentId', 'page']));
    });
  });

  describe('PATCH /users/:id', () => {
    it('changes name, role, department, password and active', async () => {
      const user = await t.factory.user({ role: Role.Reception, password: 'mat-khau-cu-1' });
      const department = await t.factory.department();

      const res = await t.http
        .patch(`/api/v1/users/${user.id}`)
        .set(await auth(Role.Admin))
        .send({
          fullName: 'Đặng Quốc Việt',
          email: 'viet.dq@sogd.example.vn',
          role: 'head',
          departmentId: department.id,
          password: 'mat-khau-moi-2',
        })
        .expect(200);
      expect(res.body).toMatchObject({
        id: user.id,
        fullName: 'Đặng Quốc Việt',
        role: 'head',
        departmentId: department.id,
        active: true,
      });
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: 'mat-khau-cu-1' })
        .expect(401);
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: 'mat-khau-moi-2' })
        .expect(200);

      const off = await t.http
        .patch(`/api/v1/users/${user.id}`)
        .set(await auth(Role.Admin))
        .send({ active: false })
        .expect(200);
      expect(off.body.active).toBe(false);
    });

    it('refuses bad input and changes nothing', async () => {
      const user = await t.factory.user({ role: Role.Officer });
      const before = await userRow(user.id);
      const admin = await auth(Role.Admin);

      const bad = await t.http
        .patch(`/api/v1/users/${user.id}`)
        .set(admin)
        .send({ fullName: null, active: 'yes', password: 'ngan', username: 'doi_ten' })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(new Set(['fullName', 'active', 'password', 'username']));

      const noDepartment = await t.http
        .patch(`/api/v1/users/${user.id}`)
        .set(admin)
        .send({ departmentId: null })
        .expect(400);
      expect(noDepartment.body.details).toEqual([
        { field: 'departmentId', reason: 'is required for role officer' },
      ]);

      const empty = await t.http.patch(`/api/v1/users/${user.id}`).set(admin).send({}).expect(400);
      expect(empty.body.details).toEqual([
        { field: 'body', reason: 'must contain at least one field to change' },
      ]);

      const badId = await t.http
        .patch('/api/v1/users/khong-phai-uuid')
        .set(admin)
        .send({})
        .expect(400);
      expect(badId.body.details).toEqual([{ field: 'id', reason: 'must be a UUID' }]);

      expect(await userRow(user.id)).toEqual(before);
    });

    it('answers 404 for an unknown user and 403 for non-admins', async () => {
      await t.http
        .patch('/api/v1/users/00000000-0000-4000-8000-000000000000')
        .set(await auth(Role.Admin))
        .send({ fullName: 'Không có' })
        .expect(404);
      const user = await t.factory.user({ role: Role.Reception });
      const before = await userRow(user.id);
      await t.http
        .patch(`/api/v1/users/${user.id}`)
        .set(await auth(Role.Director))
        .send({ role: 'admin' })
        .expect(403);
      expect(await userRow(user.id)).toEqual(before);
    });

    it('keeps an administrator from locking themselves out', async () => {
      const admin = await t.factory.user({ role: Role.Admin, password: 'quan-tri-2026' });
      const login = await t.http
        .post('/api/v1/auth/login')
        .send({ username: admin.username, password: 'quan-tri-2026' })
        .expect(200);
      const res = await t.http
        .patch(`/api/v1/users/${admin.id}`)
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .send({ role: 'reception', active: false })
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(new Set(['role', 'active']));
      expect((await userRow(admin.id)).role).toBe('admin');
    });
  });
});
