import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { APPLICATIONS, closeTestApp, createDriver, Driver, expectError } from './support/drive';

/**
 * Liên thông scope: the department HOLDING an application (its open step's receiver) sees it
 * and acts on it; the lead department keeps reading but does not act meanwhile; a third
 * department sees nothing. Handing it back returns the scope to the lead.
 */
describe('who sees and acts on a handed-over application', () => {
  let t: TestApp;
  let d: Driver;
  let a: string;
  let b: string;
  let c: string;

  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    a = d.departmentId;
    b = (await t.factory.department()).id;
    c = (await t.factory.department()).id;
  });
  afterAll(() => closeTestApp(t));

  const token = (role: Role, departmentId: string | null = null) => t.tokenFor(role, departmentId);
  const get = async (app: ApplicationView, bearer: string) =>
    t.http.get(`${APPLICATIONS}/${app.id}`).set('authorization', `Bearer ${bearer}`);
  const listed = async (app: ApplicationView, bearer: string, query: object = {}) => {
    const res = await t.http
      .get(APPLICATIONS)
      .query({ limit: 200, ...query })
      .set('authorization', `Bearer ${bearer}`);
    expect(res.status).toBe(200);
    return (res.body.items as ApplicationView[]).some((x) => x.id === app.id);
  };
  const handOver = (app: ApplicationView, bearer: string, toDepartmentId: string) =>
    d.act(A.HandOver, app, bearer, { version: app.version, toDepartmentId, budgetWorkingDays: 2 });
  /** Received at A, handed over to B by A's head. */
  const heldByB = async () => {
    const app = await d.driveTo(S.Received);
    const res = await handOver(app, await token(Role.Head, a), b);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ departmentId: a, holdingDepartmentId: b });
    return res.body as ApplicationView;
  };

  it("the holding department's officer lists it, reads it and acts on it", async () => {
    let app = await heldByB();
    const officerB = await token(Role.Officer, b);
    expect(await listed(app, officerB)).toBe(true);
    expect(await listed(app, officerB, { departmentId: b, status: S.Received })).toBe(true);
    const read = await get(app, officerB);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ departmentId: a, holdingDepartmentId: b });
    expect(read.body.availableActions).toContain(A.Start);

    const res = await d.act(A.Start, app, officerB);
    expect(res.status).toBe(200);
    app = res.body as ApplicationView;
    expect(app).toMatchObject({ status: S.Processing, holdingDepartmentId: b });

    // The handling officer is assigned within the holding department, not the lead.
    const headB = await token(Role.Head, b);
    const ofA = await t.factory.user({ role: Role.Officer, departmentId: a });
    const ofB = await t.factory.user({ role: Role.Officer, departmentId: b });
    const wrong = await d.act(A.Assign, app, headB, { version: app.version, officerId: ofA.id });
    expectError(wrong, 400, 'VALIDATION_FAILED', ['officerId']);
    const assigned = await d.act(A.Assign, app, headB, { version: app.version, officerId: ofB.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignedOfficerId).toBe(ofB.id);
  });

  it('the lead department reads it but does not act while B holds it', async () => {
    const app = await heldByB();
    for (const role of [Role.Officer, Role.Head]) {
      const lead = await token(role, a);
      expect(await listed(app, lead)).toBe(true);
      const read = await get(app, lead);
      expect(read.status).toBe(200);
      expect(read.body.availableActions).toEqual([]);
      expect(read.body.history.map((h: { action: string }) => h.action)).toContain(A.HandOver);
      const before = await d.snapshot(app.id);
      const res = await d.act(A.Start, app, lead);
      expectError(res, 403, 'FORBIDDEN');
      expect(res.body.message).toMatch(/Another department holds/);
      expect(await d.snapshot(app.id)).toEqual(before);
    }
    // The director, above the departments, may still pull it back.
    const back = await handOver(app, await token(Role.Director), a);
    expect(back.status).toBe(200);
    expect(back.body.holdingDepartmentId).toBe(a);
  });

  it('a third department neither sees nor acts (403, as for any other department)', async () => {
    const app = await heldByB();
    for (const role of [Role.Officer, Role.Head]) {
      const other = await token(role, c);
      expect(await listed(app, other)).toBe(false);
      expectError(await get(app, other), 403, 'FORBIDDEN');
      const before = await d.snapshot(app.id);
      expectError(await d.act(A.Start, app, other), 403, 'FORBIDDEN');
      expect(await d.snapshot(app.id)).toEqual(before);
    }
    const asked = await t.http
      .get(APPLICATIONS)
      .query({ departmentId: b })
      .set('authorization', `Bearer ${await token(Role.Officer, c)}`);
    expectError(asked, 403, 'FORBIDDEN');
  });

  it('handed back to A: the scope returns to the lead, B loses it', async () => {
    let app = await heldByB();
    const officerB = await token(Role.Officer, b);
    let res = await d.act(A.Start, app, officerB);
    app = res.body as ApplicationView;
    res = await handOver(app, await token(Role.Head, b), a);
    expect(res.status).toBe(200);
    app = res.body as ApplicationView;
    expect(app.holdingDepartmentId).toBe(a);

    expect(await listed(app, officerB)).toBe(false);
    expectError(await get(app, officerB), 403, 'FORBIDDEN');
    expectError(await d.act(A.MarkResultReady, app, officerB), 403, 'FORBIDDEN');

    const officerA = await token(Role.Officer, a);
    const lead = await t.http
      .get(APPLICATIONS)
      .query({ limit: 200 })
      .set('authorization', `Bearer ${officerA}`);
    // Listed once, though A both leads it and holds it again.
    expect((lead.body.items as ApplicationView[]).filter((x) => x.id === app.id)).toHaveLength(1);
    res = await d.act(A.MarkResultReady, app, officerA);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe(S.ResultReady);
  });

  it("pages through a department's worklist with what it leads and what it holds, in order", async () => {
    const dep = await createDriver(t);
    const mine = [await dep.driveTo(S.Received), await dep.driveTo(S.Received)];
    const held = [await heldByB(), await heldByB()];
    const q = await token(Role.Head, dep.departmentId);
    for (const app of held) {
      const res = await handOver(app, await token(Role.Head, b), dep.departmentId);
      expect(res.status).toBe(200);
    }
    const seen: ApplicationView[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.http
        .get(APPLICATIONS)
        .query({ limit: 1, sort: 'receivedAt', direction: 'asc', ...(cursor ? { cursor } : {}) })
        .set('authorization', `Bearer ${q}`);
      expect(res.status).toBe(200);
      seen.push(...(res.body.items as ApplicationView[]));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.map((x) => x.id)).toEqual([...mine, ...held].map((x) => x.id));
    expect(seen.map((x) => x.holdingDepartmentId)).toEqual(Array(4).fill(dep.departmentId));
  });
});
