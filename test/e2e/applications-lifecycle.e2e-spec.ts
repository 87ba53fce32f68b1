import {
  ApplicationStatus as S,
  DEPARTMENT_SCOPED_ROLES,
  LIFECYCLE,
  REVIEW_ACTIONS,
  TransitionAction as A,
} from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, createDriver, Driver, expectError } from './support/drive';

/**
 * The lifecycle table (libs/domain LIFECYCLE) checked transition by transition through the
 * API. The expected event types are written out here rather than imported, so that a wrong
 * mapping in the code under test shows up as a failure.
 */
const EVENT_TYPE: Record<A, string> = {
  [A.Receive]: 'application.received',
  [A.Refuse]: 'application.refused',
  [A.RequestCompletion]: 'application.completion_requested',
  [A.Assign]: 'application.assigned',
  [A.Start]: 'application.processing_started',
  [A.RequestSupplement]: 'application.supplement_requested',
  [A.ReceiveSupplement]: 'application.supplement_received',
  [A.RequirePayment]: 'application.payment_required',
  [A.ConfirmPayment]: 'application.payment_confirmed',
  [A.RequestWithdrawal]: 'application.withdrawal_requested',
  [A.Stop]: 'application.stopped',
  [A.MarkResultReady]: 'application.result_ready',
  [A.ReturnResult]: 'application.result_returned',
  [A.Apologize]: 'application.apologized',
  [A.HandOver]: 'application.handed_over',
  [A.SubmitForReview]: 'application.review_submitted',
  [A.ApproveReview]: 'application.review_approved',
  [A.SignResult]: 'application.result_signed',
  [A.SendBack]: 'application.sent_back',
};

const ALL_STATUSES = Object.values(S);

/**
 * Legal by status but guarded by more than the status: stopping an abandoned application waits
 * for the configured time (test/e2e/stop-abandoned.e2e-spec.ts drives it).
 */
const guarded = (action: A, from: S) =>
  (action === A.Stop && [S.SupplementRequested, S.PaymentRequired].includes(from)) ||
  // The review chain's steps depend on the chain's state (test/e2e/review-chain.e2e-spec.ts).
  REVIEW_ACTIONS.includes(action);

const ALL_LEGAL = LIFECYCLE.flatMap((rule) =>
  rule.from.map((from) => ({
    action: rule.action,
    from,
    to: rule.to ?? from,
    role: rule.roles[0],
  })),
);
const LEGAL = ALL_LEGAL.filter((p) => !guarded(p.action, p.from));

const ILLEGAL = LIFECYCLE.flatMap((rule) =>
  ALL_STATUSES.filter((status) => !rule.from.includes(status)).map((from) => ({
    action: rule.action,
    from,
  })),
);

describe('application lifecycle through the API', () => {
  let t: TestApp;
  let d: Driver;
  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
  });
  afterAll(() => closeTestApp(t));

  const outboxOf = async (id: string) =>
    (
      await t.db.query<{ id: string; type: string; payload: Record<string, unknown> }>(
        'SELECT id, type, payload FROM outbox_events WHERE aggregate_id = $1',
        [id],
      )
    ).rows;

  it('derives a non-trivial table: every action and every status appear', () => {
    expect(new Set(ALL_LEGAL.map((p) => p.action))).toEqual(new Set(Object.values(A)));
    expect(ALL_LEGAL.length + ILLEGAL.length).toBe(LIFECYCLE.length * ALL_STATUSES.length);
    // Terminal states accept no action at all.
    for (const terminal of [S.NotAccepted, S.Stopped, S.ResultReturned]) {
      expect(ILLEGAL.filter((p) => p.from === terminal)).toHaveLength(LIFECYCLE.length);
    }
  });

  it.each(LEGAL)('$action from $from → $to (as $role)', async ({ action, from, to, role }) => {
    const app = await d.driveTo(from);
    const before = await d.snapshot(app.id);
    const outboxBefore = await outboxOf(app.id);
    const scoped = DEPARTMENT_SCOPED_ROLES.includes(role);
    const token = await t.tokenFor(role, scoped ? d.departmentId : null);

    const res = await d.act(action, app, token);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: app.id, status: to, version: app.version + 1 });
    const after = await d.snapshot(app.id);
    expect(after).toMatchObject({
      status: to,
      version: before.version + 1,
      history: before.history + 1,
      outbox: before.outbox + 1,
    });
    const history = await t.db.query(
      `SELECT action, from_status, to_status, actor_role FROM application_history
         WHERE application_id = $1 ORDER BY id DESC LIMIT 1`,
      [app.id],
    );
    expect(history.rows[0]).toEqual({
      action,
      from_status: from,
      to_status: to,
      actor_role: role,
    });
    const outboxAfter = await outboxOf(app.id);
    const added = outboxAfter.filter((e) => !outboxBefore.some((b) => b.id === e.id));
    expect(added).toHaveLength(1);
    expect(added[0].type).toBe(EVENT_TYPE[action]);
    expect(added[0].payload).toMatchObject({
      applicationId: app.id,
      code: app.code,
      fromStatus: from,
      toStatus: to,
    });
  });

  it.each(ILLEGAL)('$action from $from → 409 ILLEGAL_TRANSITION', async ({ action, from }) => {
    const app = await d.driveTo(from);
    const before = await d.snapshot(app.id);

    const res = await d.act(action, app, await d.adminToken());

    expectError(res, 409, 'ILLEGAL_TRANSITION');
    expect(res.body.current).toMatchObject({ id: app.id, status: from, version: app.version });
    expect(await d.snapshot(app.id)).toEqual(before);
  });

  it('records the whole path in order in the history and the outbox', async () => {
    const app = await d.driveTo(S.ResultReturned);
    const history = await t.db.query(
      `SELECT action, from_status, to_status FROM application_history WHERE application_id = $1 ORDER BY id`,
      [app.id],
    );
    expect(history.rows).toEqual([
      { action: 'receive', from_status: null, to_status: 'received' },
      { action: 'start', from_status: 'received', to_status: 'processing' },
      { action: 'mark-result-ready', from_status: 'processing', to_status: 'result_ready' },
      { action: 'return-result', from_status: 'result_ready', to_status: 'result_returned' },
    ]);
    const events = await t.db.query(
      `SELECT type, (payload->>'version')::int AS version FROM outbox_events WHERE aggregate_id = $1 ORDER BY 2`,
      [app.id],
    );
    expect(events.rows).toEqual([
      { type: 'application.received', version: 1 },
      { type: 'application.processing_started', version: 2 },
      { type: 'application.result_ready', version: 3 },
      { type: 'application.result_returned', version: 4 },
    ]);
  });

  it('a submitted application gets its appointment only on reception, and keeps it', async () => {
    const submitted = await d.driveTo(S.Submitted);
    expect(submitted).toMatchObject({ receivedAt: null, dueAt: null, originalDueAt: null });
    const registered = await t.db.query(
      `SELECT h.action, h.from_status, h.to_status, o.type FROM application_history h
       JOIN outbox_events o ON o.aggregate_id = h.application_id WHERE h.application_id = $1`,
      [submitted.id],
    );
    expect(registered.rows).toEqual([
      {
        action: 'submit',
        from_status: null,
        to_status: 'submitted',
        type: 'application.submitted',
      },
    ]);

    const received = await d.act(A.Receive, submitted, await d.adminToken());

    expect(received.status).toBe(200);
    expect(received.body.receivedAt).toEqual(expect.any(String));
    expect(Date.parse(received.body.dueAt)).toBeGreaterThan(Date.parse(received.body.receivedAt));
    expect(received.body.originalDueAt).toBe(received.body.dueAt);
    const started = await d.act(A.Start, received.body, await d.adminToken());
    expect(started.body.originalDueAt).toBe(received.body.originalDueAt);
  });

  it('records a refusal with its reasons and a stop with its reason', async () => {
    const refused = await d.driveTo(S.NotAccepted);
    const stopped = await d.driveTo(S.Stopped);
    const payloads = await t.db.query(
      `SELECT action, payload FROM application_history
       WHERE application_id = ANY($1::uuid[]) AND action IN ('refuse', 'stop') ORDER BY action`,
      [[refused.id, stopped.id]],
    );
    // Driven as admin: each act also records the correction it is (review-chain.e2e-spec.ts).
    expect(payloads.rows).toEqual([
      {
        action: 'refuse',
        payload: {
          reasons: ['Hồ sơ không thuộc thẩm quyền giải quyết của Sở'],
          correction: expect.objectContaining({ reason: expect.any(String) }),
        },
      },
      {
        action: 'stop',
        payload: {
          stopReason: 'rejected',
          reason: 'Hồ sơ không đủ điều kiện',
          departmentId: d.departmentId,
          correction: expect.objectContaining({ reason: expect.any(String) }),
        },
      },
    ]);
    expect(stopped).toMatchObject({ stopReason: 'rejected', stoppedAt: expect.any(String) });
  });

  it('stopping after a withdrawal request records the reason "withdrawn"', async () => {
    const app = await d.driveTo(S.WithdrawalRequested);
    const res = await d.act(A.Stop, app, await d.adminToken());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'stopped', stopReason: 'withdrawn' });
  });

  it('assign sets the handling officer and keeps the status', async () => {
    const app = await d.driveTo(S.Processing);
    const res = await d.act(A.Assign, app, await d.adminToken());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'processing',
      assignedOfficerId: await d.officerId(),
    });
  });
});
