import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { APPLICATIONS, closeTestApp, createDriver, Driver, expectError } from './support/drive';

/** Issue 10 item 6 and issue 15 point 8: review, signature and corrections, through the API. */
describe('review chain, signatures and admin corrections', () => {
  let t: TestApp;
  let d: Driver;
  let officer: string;
  let head: string;
  let director: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    // This procedure: officer → head review → director signature (the legal chain).
    await t.db.query(
      `UPDATE procedures SET review_chain = '[{"stage":"review","role":"head"},{"stage":"sign","role":"director"}]'
       WHERE code = $1`,
      [d.procedureCode],
    );
    officer = await t.tokenFor(Role.Officer, d.departmentId);
    head = await t.tokenFor(Role.Head, d.departmentId);
    director = await t.tokenFor(Role.Director);
    admin = await d.adminToken();
  });
  afterAll(() => closeTestApp(t));

  const act = async (action: A, app: ApplicationView, token: string, body: object = {}) =>
    d.act(action, app, token, { version: app.version, ...body });
  const ok = async (action: A, app: ApplicationView, token: string, body: object = {}) => {
    const res = await act(action, app, token, body);
    if (res.status !== 200) {
      throw new Error(`${action}: ${res.status} ${res.text}`);
    }
    return res.body as ApplicationView;
  };
  const read = async (app: ApplicationView, token: string) =>
    (await t.http.get(`${APPLICATIONS}/${app.id}`).set('authorization', `Bearer ${token}`))
      .body as ApplicationView;

  it('goes officer → head → director before result ready; a send-back returns it to the officer with its reason', async () => {
    let app = await ok(A.Start, await d.driveTo(S.Received), officer);
    // Not ready before the chain: refused, and not offered.
    expect(app.availableActions).toContain(A.SubmitForReview);
    expect(app.availableActions).not.toContain(A.MarkResultReady);
    expectError(await act(A.MarkResultReady, app, officer), 409, 'ILLEGAL_TRANSITION', ['review']);

    app = await ok(A.SubmitForReview, app, officer);
    expect(app.review).toMatchObject({ position: 0 });
    // The director may not skip the head's review; the head sees approve and send-back.
    expectError(
      await act(A.SignResult, app, director, { resultNumber: '1/QĐ' }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expect((await read(app, head)).availableActions).toEqual(
      expect.arrayContaining([A.ApproveReview, A.SendBack]),
    );
    expect((await read(app, head)).availableActions).not.toContain(A.SignResult);

    app = await ok(A.SendBack, app, head, { reason: 'Thiếu căn cứ pháp lý' });
    expect(app.review.position).toBeNull();
    expect((await read(app, officer)).availableActions).toContain(A.SubmitForReview);

    app = await ok(A.SubmitForReview, app, officer);
    app = await ok(A.ApproveReview, app, head);
    expect(app.review.position).toBe(1);
    expect((await read(app, director)).availableActions).toEqual(
      expect.arrayContaining([A.SignResult, A.SendBack]),
    );
    expectError(await act(A.SignResult, app, director), 400, 'VALIDATION_FAILED', ['resultNumber']);
    app = await ok(A.SignResult, app, director, {
      resultNumber: '125/QĐ-SGDĐT',
      digitallySigned: true,
    });
    expect(app).toMatchObject({ resultNumber: '125/QĐ-SGDĐT', resultSignedAt: expect.any(String) });
    expect(app.resultSignedBy).toEqual(expect.any(String));
    expect((await read(app, officer)).availableActions).toContain(A.MarkResultReady);

    app = await ok(A.MarkResultReady, app, officer);
    expect(app.status).toBe(S.ResultReady);
    const { rows } = await t.db.query<{ action: string; payload: Record<string, unknown> }>(
      `SELECT action, payload FROM application_history WHERE application_id = $1 ORDER BY id`,
      [app.id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'receive',
      'start',
      'submit-for-review',
      'send-back',
      'submit-for-review',
      'approve-review',
      'sign-result',
      'mark-result-ready',
    ]);
    expect(rows[3].payload).toMatchObject({ reason: 'Thiếu căn cứ pháp lý' });
    // The signature is the flag K6 counts (the KPI reads mark-result-ready's digitallySigned).
    expect(rows[7].payload).toMatchObject({
      digitallySigned: true,
      resultNumber: '125/QĐ-SGDĐT',
      signerId: app.resultSignedBy,
    });
  });

  it("records an admin's act as a correction with a mandatory reason and the entry it corrects", async () => {
    const app = await ok(A.Start, await d.driveTo(S.Received), officer);
    const bare = await d.act(A.SubmitForReview, app, admin, {
      version: app.version,
      correctionReason: ' ',
    });
    expectError(bare, 400, 'VALIDATION_FAILED', ['correctionReason']);
    const missing = await t.http
      .post(`${APPLICATIONS}/${app.id}/submit-for-review`)
      .set('authorization', `Bearer ${admin}`)
      .send({ version: app.version });
    expectError(missing, 400, 'VALIDATION_FAILED', ['correctionReason']);
    expectError(
      await act(A.SubmitForReview, app, officer, { correctionReason: 'x' }),
      400,
      'VALIDATION_FAILED',
      ['correctionReason'],
    );
    const history = (await read(app, admin)).history!;
    const res = await d.act(A.SubmitForReview, app, admin, {
      version: app.version,
      correctionReason: 'Chuyên viên đã trình bản giấy',
      correctsEntryId: history[1].id,
    });
    expect(res.status).toBe(200);
    const { rows } = await t.db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM application_history WHERE application_id = $1 ORDER BY id DESC LIMIT 1`,
      [app.id],
    );
    expect(rows[0].payload).toMatchObject({
      correction: { reason: 'Chuyên viên đã trình bản giấy', corrects: history[1].id },
    });
  });

  it('records who signed an apology and in what capacity (head of agency, or delegate)', async () => {
    for (const [token, capacity] of [
      [director, 'head_of_agency'],
      [head, 'delegate'],
    ] as const) {
      const app = await d.driveTo(S.Processing);
      const body = await d.bodyFor(A.Apologize, app);
      const res = await d.act(A.Apologize, app, token, body);
      expect(res.status).toBe(200);
      const { rows } = await t.db.query<{ signer_capacity: string }>(
        `SELECT signer_capacity FROM apologies WHERE application_id = $1`,
        [app.id],
      );
      expect(rows).toEqual([{ signer_capacity: capacity }]);
      // The limit (one apology) is reached: no longer offered.
      expect((res.body as ApplicationView).availableActions).not.toContain(A.Apologize);
    }
  });
});
