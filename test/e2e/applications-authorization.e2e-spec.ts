import type { ApplicationView } from '@app/core';
import {
  ApplicationStatus as S,
  DEPARTMENT_SCOPED_ROLES,
  LIFECYCLE,
  REVIEW_ACTIONS,
  Role,
  TransitionAction as A,
} from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  APPLICATIONS,
  closeTestApp,
  createDriver,
  Driver,
  expectError,
  tableCounts,
} from './support/drive';

const ROLES = Object.values(Role);
const scoped = (role: Role) => DEPARTMENT_SCOPED_ROLES.includes(role);

/** Every role × every action, from the first state the action is legal in. */
const MATRIX = LIFECYCLE.flatMap((rule) =>
  ROLES.map((role) => ({
    action: rule.action,
    from: rule.from[0],
    to: rule.to ?? rule.from[0],
    role,
    allowed: rule.roles.includes(role),
  })),
);

describe('applications API authorization', () => {
  let t: TestApp;
  let d: Driver;
  let otherDepartmentId: string;
  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    otherDepartmentId = (await t.factory.department()).id;
  });
  afterAll(() => closeTestApp(t));

  /** A token for `role`; officers and heads belong to `departmentId` (default: the driver's). */
  const tokenOf = (role: Role, departmentId = d.departmentId) =>
    t.tokenFor(role, scoped(role) ? departmentId : null);

  it('the matrix covers every action for every role, with both outcomes', () => {
    expect(MATRIX).toHaveLength(LIFECYCLE.length * ROLES.length);
    expect(MATRIX.some((c) => c.allowed)).toBe(true);
    expect(MATRIX.some((c) => !c.allowed)).toBe(true);
  });

  it.each(MATRIX.filter((c) => c.allowed))(
    '$role may $action (from $from)',
    async ({ action, from, to, role }) => {
      const app = await d.driveTo(from);
      const res = await d.act(action, app, await tokenOf(role));
      if (REVIEW_ACTIONS.includes(action)) {
        // The role passes; the driver's procedure has no review chain, so the chain refuses
        // (409, not 403). The chain driven to its end: review-chain.e2e-spec.ts.
        expectError(res, 409, 'ILLEGAL_TRANSITION', ['review']);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: to, version: app.version + 1 });
    },
  );

  it.each(MATRIX.filter((c) => !c.allowed))(
    '$role may not $action → 403, nothing changed',
    async ({ action, from, role }) => {
      const app = await d.driveTo(from);
      const before = await d.snapshot(app.id);
      const res = await d.act(action, app, await tokenOf(role));
      expectError(res, 403, 'FORBIDDEN');
      expect(await d.snapshot(app.id)).toEqual(before);
    },
  );

  it.each(ROLES.map((role) => ({ role, allowed: [Role.Reception, Role.Admin].includes(role) })))(
    'intake as $role: allowed $allowed',
    async ({ role, allowed }) => {
      const before = await tableCounts(t);
      const res = await d.intake(await tokenOf(role));
      if (allowed) {
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ status: 'received', departmentId: d.departmentId });
      } else {
        expectError(res, 403, 'FORBIDDEN');
        expect(await tableCounts(t)).toEqual(before);
      }
    },
  );

  it.each(ROLES)('%s may list and read an application of its own department', async (role) => {
    const app = await d.driveTo(S.Received);
    const token = await tokenOf(role);
    const list = await t.http
      .get(APPLICATIONS)
      .query({ procedureCode: d.procedureCode, limit: 200 })
      .set('authorization', `Bearer ${token}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: ApplicationView) => a.id)).toContain(app.id);
    const one = await t.http
      .get(`${APPLICATIONS}/${app.id}`)
      .set('authorization', `Bearer ${token}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: app.id, history: [{ action: 'receive' }] });
  });

  it('answers 401 without a token, on every kind of route', async () => {
    const app = await d.driveTo(S.Received);
    const before = await tableCounts(t);
    const answers = [
      await t.http.post(APPLICATIONS).send({}),
      await t.http.get(APPLICATIONS),
      await t.http.get(`${APPLICATIONS}/${app.id}`),
      await t.http.post(`${APPLICATIONS}/${app.id}/start`).send({ version: 1 }),
    ];
    for (const res of answers) {
      expectError(res, 401, 'UNAUTHENTICATED');
    }
    expect(await tableCounts(t)).toEqual(before);
  });

  describe('officers and heads of another department', () => {
    const CASES = LIFECYCLE.flatMap((rule) =>
      [Role.Officer, Role.Head].map((role) => ({ action: rule.action, from: rule.from[0], role })),
    );

    it.each(CASES)('$role of another department: $action → 403', async ({ action, from, role }) => {
      const app = await d.driveTo(from);
      const before = await d.snapshot(app.id);
      const res = await d.act(action, app, await tokenOf(role, otherDepartmentId));
      expectError(res, 403, 'FORBIDDEN');
      expect(await d.snapshot(app.id)).toEqual(before);
    });

    it.each([Role.Officer, Role.Head])('%s of another department cannot read it', async (role) => {
      const app = await d.driveTo(S.Processing);
      const token = await tokenOf(role, otherDepartmentId);
      for (const key of [app.id, app.code]) {
        const res = await t.http
          .get(`${APPLICATIONS}/${key}`)
          .set('authorization', `Bearer ${token}`);
        expectError(res, 403, 'FORBIDDEN');
        expect(res.body).not.toHaveProperty('current');
        expect(JSON.stringify(res.body)).not.toContain(app.applicant.fullName);
      }
    });

    it.each([Role.Officer, Role.Head])(
      'the list of a %s shows only its own department',
      async (role) => {
        const mine = await d.driveTo(S.Received);
        const other = await createDriver(t);
        const theirs = await other.driveTo(S.Received);
        const token = await tokenOf(role);

        const res = await t.http
          .get(APPLICATIONS)
          .query({ limit: 200 })
          .set('authorization', `Bearer ${token}`);

        expect(res.status).toBe(200);
        const items = res.body.items as ApplicationView[];
        expect(items.map((a) => a.id)).toContain(mine.id);
        expect(items.map((a) => a.id)).not.toContain(theirs.id);
        expect(new Set(items.map((a) => a.departmentId))).toEqual(new Set([d.departmentId]));
        const asked = await t.http
          .get(APPLICATIONS)
          .query({ departmentId: other.departmentId })
          .set('authorization', `Bearer ${token}`);
        expectError(asked, 403, 'FORBIDDEN');
      },
    );
  });

  describe('roles that act everywhere', () => {
    // Even when the user record names a department, these roles are not confined to it.
    const CASES = [Role.Director, Role.Admin, Role.Reception].map((role) => {
      const rule = LIFECYCLE.find((r) => r.roles.includes(role))!;
      return { role, action: rule.action, from: rule.from[0], to: rule.to ?? rule.from[0] };
    });

    it.each(CASES)(
      '$role of another department may $action and read',
      async ({ role, action, from, to }) => {
        const app = await d.driveTo(from);
        const token = await t.tokenFor(role, otherDepartmentId);
        const res = await d.act(action, app, token);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: to, version: app.version + 1 });
        const read = await t.http
          .get(`${APPLICATIONS}/${app.code}`)
          .set('authorization', `Bearer ${token}`);
        expect(read.status).toBe(200);
        expect(read.body.id).toBe(app.id);
      },
    );

    it.each([Role.Director, Role.Admin])('the list of a %s spans departments', async (role) => {
      const mine = await d.driveTo(S.Received);
      const theirs = await (await createDriver(t)).driveTo(S.Received);
      const res = await t.http
        .get(APPLICATIONS)
        .query({ limit: 200 })
        .set('authorization', `Bearer ${await t.tokenFor(role)}`);
      expect(res.status).toBe(200);
      const ids = (res.body.items as ApplicationView[]).map((a) => a.id);
      expect(ids).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    });
  });

  it('availableActions offers exactly what the role may do now', async () => {
    const app = await d.driveTo(S.Processing);
    // The factory's procedure has no review chain: submit-for-review is not possible, so not
    // offered (the chain's own offers: review-chain.e2e-spec.ts).
    const expected = LIFECYCLE.filter(
      (r) => r.from.includes(S.Processing) && r.roles.includes(Role.Officer),
    )
      .map((r) => r.action)
      .filter((a) => !REVIEW_ACTIONS.includes(a));
    const res = await t.http
      .get(`${APPLICATIONS}/${app.id}`)
      .set('authorization', `Bearer ${await tokenOf(Role.Officer)}`);
    expect([...res.body.availableActions].sort()).toEqual([...expected].sort());
    expect(expected).toContain(A.MarkResultReady);
  });
});
