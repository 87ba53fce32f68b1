import { randomUUID } from 'node:crypto';
import { LIFECYCLE, Role, TransitionAction as A } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  APPLICATIONS,
  closeTestApp,
  createDriver,
  DAY_MS,
  Driver,
  expectError,
  postJson,
  unchanged,
} from './support/drive';

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

/** Fields each action's body requires besides `version` (apps/api/.../transition.dto.ts). */
const REQUIRED: Record<A, string[]> = {
  [A.Receive]: [],
  [A.Refuse]: ['reasons'],
  [A.RequestCompletion]: ['items'],
  [A.Assign]: ['officerId'],
  [A.Start]: [],
  [A.RequestSupplement]: ['items', 'reason'],
  [A.ReceiveSupplement]: ['items'],
  [A.RequirePayment]: ['amountVnd'],
  [A.ConfirmPayment]: [],
  [A.RequestWithdrawal]: ['reason'],
  [A.Stop]: ['reason'],
  [A.MarkResultReady]: [],
  [A.ReturnResult]: [],
  [A.Apologize]: ['reason', 'newDueAt'],
  [A.HandOver]: ['toDepartmentId'],
  [A.SubmitForReview]: [],
  [A.ApproveReview]: [],
  [A.SignResult]: ['resultNumber'],
  [A.SendBack]: ['reason'],
};

type BadBody = (valid: Record<string, unknown>) => { raw?: string; json?: unknown };

/** Bad bodies every action must refuse, with the fields the answer must name. */
const GENERIC_BAD: Array<{
  label: string;
  body: BadBody;
  fields: (a: A) => string[];
  code?: string;
}> = [
  {
    label: 'an empty object',
    body: () => ({ json: {} }),
    fields: (a) => ['version', ...REQUIRED[a]],
  },
  {
    label: 'an unknown field',
    body: (v) => ({ json: { ...v, status: 'result_returned' } }),
    fields: () => ['status'],
  },
  {
    label: 'version as a string',
    body: (v) => ({ json: { ...v, version: String(v.version) } }),
    fields: () => ['version'],
  },
  { label: 'version 0', body: (v) => ({ json: { ...v, version: 0 } }), fields: () => ['version'] },
  {
    label: 'a number for the note',
    body: (v) => ({ json: { ...v, note: 42 } }),
    fields: () => ['note'],
  },
  {
    label: 'malformed JSON',
    body: () => ({ raw: '{"version": 1,' }),
    fields: () => ['body'],
    code: 'BAD_REQUEST',
  },
  { label: 'a JSON array', body: (v) => ({ json: [v] }), fields: () => ['body'] },
  { label: 'a JSON string', body: () => ({ raw: '"version"' }), fields: () => ['body'] },
];

describe('applications API input validation: actions', () => {
  let t: TestApp;
  let d: Driver;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    admin = await d.adminToken();
  });
  afterAll(() => closeTestApp(t));

  describe('POST /applications/:id/<action>', () => {
    const ACTION_CASES = LIFECYCLE.flatMap((rule) =>
      GENERIC_BAD.map((bad) => ({
        action: rule.action,
        from: rule.from[0],
        label: bad.label,
        body: bad.body,
        fields: bad.fields(rule.action),
        code: bad.code ?? 'VALIDATION_FAILED',
      })),
    );

    it.each(ACTION_CASES)(
      '$action with $label → 400 naming $fields',
      async ({ action, from, body, fields, code }) => {
        const app = await d.driveTo(from);
        const before = await d.snapshot(app.id);
        const valid = await d.bodyFor(action, app);

        const res = await unchanged(t, () =>
          postJson(t, `${APPLICATIONS}/${app.id}/${action}`, admin, body(valid)),
        );

        expectError(res, 400, code, fields);
        expect(await d.snapshot(app.id)).toEqual(before);
      },
    );

    it.each(LIFECYCLE.map((rule) => ({ action: rule.action, from: rule.from[0] })))(
      '$action with a 10 MB body → 413 PAYLOAD_TOO_LARGE',
      async ({ action, from }) => {
        const app = await d.driveTo(from);
        const before = await d.snapshot(app.id);
        const body = { ...(await d.bodyFor(action, app)), note: TEN_MB };
        const res = await unchanged(t, () =>
          postJson(t, `${APPLICATIONS}/${app.id}/${action}`, admin, { json: body }),
        );
        expectError(res, 413, 'PAYLOAD_TOO_LARGE', ['body']);
        expect(await d.snapshot(app.id)).toEqual(before);
      },
    );

    const hoursBeforeDue = (app: { dueAt: string | null }, hours: number) =>
      new Date(Date.parse(app.dueAt!) - hours * 3600_000).toISOString();
    const SPECIFIC: Array<{
      action: A;
      label: string;
      patch: (app: {
        dueAt: string | null;
      }) => Promise<Record<string, unknown>> | Record<string, unknown>;
      field: string;
    }> = [
      { action: A.Refuse, label: 'no reasons', patch: () => ({ reasons: [] }), field: 'reasons' },
      {
        action: A.Refuse,
        label: 'reasons as a string',
        patch: () => ({ reasons: 'Sai' }),
        field: 'reasons',
      },
      {
        action: A.Refuse,
        label: 'an empty reason',
        patch: () => ({ reasons: [''] }),
        field: 'reasons',
      },
      {
        action: A.Assign,
        label: 'officerId not a UUID',
        patch: () => ({ officerId: 'abc' }),
        field: 'officerId',
      },
      {
        action: A.Assign,
        label: 'an unknown officer',
        patch: () => ({ officerId: randomUUID() }),
        field: 'officerId',
      },
      {
        action: A.Assign,
        label: 'an officer of another department',
        patch: async () => ({ officerId: (await t.factory.user({ role: Role.Officer })).id }),
        field: 'officerId',
      },
      {
        action: A.Assign,
        label: 'a reception user',
        patch: async () => ({ officerId: (await t.factory.user({ role: Role.Reception })).id }),
        field: 'officerId',
      },
      {
        action: A.RequestSupplement,
        label: 'no items',
        patch: () => ({ items: [] }),
        field: 'items',
      },
      {
        action: A.RequestSupplement,
        label: 'an empty reason',
        patch: () => ({ reason: '' }),
        field: 'reason',
      },
      {
        action: A.Stop,
        label: "stopReason 'bored'",
        patch: () => ({ stopReason: 'bored' }),
        field: 'stopReason',
      },
      {
        action: A.MarkResultReady,
        label: "digitallySigned 'yes'",
        patch: () => ({ digitallySigned: 'yes' }),
        field: 'digitallySigned',
      },
      {
        action: A.ReturnResult,
        label: "deliveryChannel 'fax'",
        patch: () => ({ deliveryChannel: 'fax' }),
        field: 'deliveryChannel',
      },
      {
        action: A.Apologize,
        label: "newDueAt 'tomorrow'",
        patch: () => ({ newDueAt: 'tomorrow' }),
        field: 'newDueAt',
      },
      {
        action: A.Apologize,
        label: "newDueAt '2026-13-45'",
        patch: () => ({ newDueAt: '2026-13-45' }),
        field: 'newDueAt',
      },
      {
        action: A.Apologize,
        label: 'newDueAt as a number',
        patch: () => ({ newDueAt: Date.now() + 30 * DAY_MS }),
        field: 'newDueAt',
      },
      {
        action: A.Apologize,
        label: 'newDueAt before the current appointment',
        patch: (app) => ({ newDueAt: hoursBeforeDue(app, 1) }),
        field: 'newDueAt',
      },
      {
        action: A.Apologize,
        label: 'newDueAt equal to the current appointment',
        patch: (app) => ({ newDueAt: app.dueAt }),
        field: 'newDueAt',
      },
      {
        action: A.Apologize,
        label: 'newDueAt in the past',
        patch: () => ({ newDueAt: new Date(Date.now() - DAY_MS).toISOString() }),
        field: 'newDueAt',
      },
      {
        action: A.Apologize,
        label: 'responsibleDepartmentId not a UUID',
        patch: () => ({ responsibleDepartmentId: 'phong-1' }),
        field: 'responsibleDepartmentId',
      },
      {
        action: A.Apologize,
        label: 'an unknown responsible department',
        patch: () => ({ responsibleDepartmentId: randomUUID() }),
        field: 'responsibleDepartmentId',
      },
    ];

    it.each(SPECIFIC)(
      '$action with $label → 400 naming $field',
      async ({ action, patch, field }) => {
        const rule = LIFECYCLE.find((r) => r.action === action)!;
        const app = await d.driveTo(rule.from[0]);
        const before = await d.snapshot(app.id);
        const body = { ...(await d.bodyFor(action, app)), ...(await patch(app)) };

        const res = await unchanged(t, () =>
          postJson(t, `${APPLICATIONS}/${app.id}/${action}`, admin, { json: body }),
        );

        expectError(res, 400, 'VALIDATION_FAILED', [field]);
        expect(await d.snapshot(app.id)).toEqual(before);
      },
    );

    it('accepts a bare date for newDueAt as 17:00 local time of that day', async () => {
      const app = await d.driveTo(LIFECYCLE.find((r) => r.action === A.Apologize)!.from[0]);
      const day = new Date(Date.parse(app.dueAt!) + 10 * DAY_MS).toISOString().slice(0, 10);
      const res = await postJson(t, `${APPLICATIONS}/${app.id}/apologize`, admin, {
        json: { ...(await d.bodyFor(A.Apologize, app)), newDueAt: day },
      });
      expect(res.status).toBe(200);
      expect(res.body.dueAt).toBe(new Date(`${day}T17:00:00+07:00`).toISOString());
    });
  });
});
