import type { ApplicationView } from '@app/core';
import { WorkingCalendarService } from '@app/database';
import {
  ApplicationStatus as S,
  endOfOfficeHours,
  Role,
  toLocalDate,
  TransitionAction as A,
} from '@app/domain';
import type { Response } from 'supertest';
import type { TestApp } from '../../setup/test-app';

export const APPLICATIONS = '/api/v1/applications';
export const DAY_MS = 24 * 60 * 60 * 1000;

export const applicantFor = (fullName = 'Trần Thị Bình') => ({
  fullName,
  idNumber: '001203004567',
  phone: '0912345678',
});

/**
 * How to reach each status from an intake using only the API: the intake status, then the
 * actions. Typed as a Record so a new status cannot be forgotten.
 */
const PATHS: Record<S, { intake: S.Received | S.Submitted; actions: A[] }> = {
  [S.Submitted]: { intake: S.Submitted, actions: [] },
  [S.IncompleteAtDesk]: { intake: S.Submitted, actions: [A.RequestCompletion] },
  [S.Received]: { intake: S.Received, actions: [] },
  [S.NotAccepted]: { intake: S.Submitted, actions: [A.Refuse] },
  [S.Processing]: { intake: S.Received, actions: [A.Start] },
  [S.SupplementRequested]: { intake: S.Received, actions: [A.Start, A.RequestSupplement] },
  [S.PaymentRequired]: { intake: S.Received, actions: [A.Start, A.RequirePayment] },
  [S.WithdrawalRequested]: { intake: S.Received, actions: [A.RequestWithdrawal] },
  [S.Stopped]: { intake: S.Received, actions: [A.Start, A.Stop] },
  [S.ResultReady]: { intake: S.Received, actions: [A.Start, A.MarkResultReady] },
  [S.ResultReturned]: {
    intake: S.Received,
    actions: [A.Start, A.MarkResultReady, A.ReturnResult],
  },
};

export interface Snapshot {
  status: string;
  version: number;
  history: number;
  outbox: number;
  supplements: number;
  apologies: number;
  updatedAt: string;
}

export interface Driver {
  procedureCode: string;
  departmentId: string;
  /** An admin token: admin may do every action in every department. */
  adminToken(): Promise<string>;
  /** An officer of the driver's department (the target of `assign`). */
  officerId(): Promise<string>;
  /** Another department (the target of `hand-over`). */
  otherDepartmentId(): Promise<string>;
  /** A new application brought to `status` through the API only. */
  driveTo(status: S, fullName?: string): Promise<ApplicationView>;
  /** A valid body for `action` on `app` (right version, every required field). */
  bodyFor(action: A, app: ApplicationView): Promise<Record<string, unknown>>;
  act(action: A, app: ApplicationView, token: string, body?: object): Promise<Response>;
  intake(token: string, body?: object, headers?: Record<string, string>): Promise<Response>;
  snapshot(id: string): Promise<Snapshot>;
}

/** Each test file builds its own department and procedure (style rule 12). */
export async function createDriver(
  t: TestApp,
  options: { agencyCode?: string; timeLimitValue?: number } = {},
): Promise<Driver> {
  const department = await t.factory.department(
    options.agencyCode ? { agencyCode: options.agencyCode } : {},
  );
  const procedure = await t.factory.procedure({
    departmentId: department.id,
    timeLimitValue: options.timeLimitValue ?? 5,
  });
  let officer: string | undefined;
  let other: string | undefined;

  const driver: Driver = {
    procedureCode: procedure.code,
    departmentId: department.id,
    adminToken: () => t.tokenFor(Role.Admin),
    async officerId() {
      officer ??= (await t.factory.user({ role: Role.Officer, departmentId: department.id })).id;
      return officer;
    },
    async otherDepartmentId() {
      other ??= (await t.factory.department()).id;
      return other;
    },
    async bodyFor(action, app) {
      const version = app.version;
      switch (action) {
        case A.Refuse:
          return { version, reasons: ['Hồ sơ không thuộc thẩm quyền giải quyết của Sở'] };
        case A.Assign:
          return { version, officerId: await driver.officerId() };
        case A.RequestSupplement:
          return { version, items: ['Bản sao chứng thực CCCD'], reason: 'Thiếu giấy tờ' };
        case A.RequestCompletion:
          return { version, items: ['Bản sao giấy khai sinh'], reason: 'Hồ sơ chưa đủ thành phần' };
        case A.Stop:
          return { version, reason: 'Hồ sơ không đủ điều kiện' };
        case A.Apologize: {
          // A new appointment the rules accept: a working day, at the end of office hours,
          // well within the bound on how far it may move.
          const base = Math.max(Date.now(), app.dueAt ? Date.parse(app.dueAt) : 0);
          const calendars = t.app.get(WorkingCalendarService);
          const day = (await calendars.current()).addWorkingDays(toLocalDate(new Date(base)), 20);
          return {
            version,
            reason: 'Phải xin ý kiến cơ quan phối hợp',
            newDueAt: endOfOfficeHours(day, calendars.deadlinePolicy()).toISOString(),
          };
        }
        case A.HandOver:
          return {
            version,
            toDepartmentId: await driver.otherDepartmentId(),
            budgetWorkingDays: 2,
          };
        case A.SignResult:
          return { version, resultNumber: '123/QĐ-SGDĐT' };
        case A.SendBack:
          return { version, reason: 'Cần bổ sung căn cứ pháp lý' };
        case A.ReceiveSupplement:
          return { version, items: ['Bản sao chứng thực CCCD'] };
        case A.RequirePayment:
          return { version, amountVnd: 150_000, reason: 'Phí thẩm định hồ sơ' };
        case A.RequestWithdrawal:
          return { version, reason: 'Công dân đề nghị rút hồ sơ' };
        case A.SubmitForReview:
        case A.ApproveReview:
        case A.Receive:
        case A.Start:
        case A.ConfirmPayment:
        case A.MarkResultReady:
        case A.ReturnResult:
          return { version };
      }
    },
    async act(action, app, token, body) {
      return t.http
        .post(`${APPLICATIONS}/${app.id}/${action}`)
        .set('authorization', `Bearer ${token}`)
        .send(asCorrection(token, body ?? (await driver.bodyFor(action, app))));
    },
    intake(token, body, headers = {}) {
      return t.http
        .post(APPLICATIONS)
        .set('authorization', `Bearer ${token}`)
        .set(headers)
        .send(
          body ?? { procedureCode: procedure.code, channel: 'direct', applicant: applicantFor() },
        );
    },
    async driveTo(status, fullName) {
      const path = PATHS[status];
      const token = await driver.adminToken();
      const created = await driver.intake(token, {
        procedureCode: procedure.code,
        channel: path.intake === S.Submitted ? 'online' : 'direct',
        status: path.intake,
        applicant: applicantFor(fullName),
      });
      if (created.status !== 201) {
        throw new Error(`intake answered ${created.status}: ${JSON.stringify(created.body)}`);
      }
      let app = created.body as ApplicationView;
      for (const action of path.actions) {
        const res = await driver.act(action, app, token);
        if (res.status !== 200) {
          throw new Error(`driving to ${status}: ${action} answered ${res.status}: ${res.text}`);
        }
        app = res.body as ApplicationView;
      }
      if (app.status !== String(status)) {
        throw new Error(`driving to ${status} ended in ${app.status}`);
      }
      return app;
    },
    async snapshot(id) {
      const { rows } = await t.db.query<Snapshot>(
        `SELECT a.status, a.version, a.updated_at::text AS "updatedAt",
           (SELECT count(*)::int FROM application_history h WHERE h.application_id = a.id) AS history,
           (SELECT count(*)::int FROM outbox_events o WHERE o.aggregate_id = a.id) AS outbox,
           (SELECT count(*)::int FROM application_supplements s WHERE s.application_id = a.id) AS supplements,
           (SELECT count(*)::int FROM apologies p WHERE p.application_id = a.id) AS apologies
         FROM applications a WHERE a.id = $1`,
        [id],
      );
      if (!rows[0]) {
        throw new Error(`application ${id} not found`);
      }
      return rows[0];
    },
  };
  return driver;
}

/** The role a test token was issued for (its payload, unverified: tests made it). */
export function roleOfToken(token: string): string | undefined {
  const payload = token.split('.')[1];
  return payload
    ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { role?: string }).role
    : undefined;
}

/**
 * An admin's act is a correction and needs a reason: tests that drive applications as admin
 * (the role allowed everywhere) send one unless the body says otherwise.
 */
export function asCorrection(token: string, body: object): object {
  return roleOfToken(token) === String(Role.Admin) && !('correctionReason' in body)
    ? { ...body, correctionReason: 'Kiểm thử: quản trị viên thực hiện thay' }
    : body;
}

/** Row counts of every table a write may touch: "nothing changed" means these stay equal. */
export async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await t.db.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM applications) AS applications,
            (SELECT count(*)::int FROM application_history) AS history,
            (SELECT count(*)::int FROM outbox_events) AS outbox,
            (SELECT count(*)::int FROM application_supplements) AS supplements,
            (SELECT count(*)::int FROM apologies) AS apologies,
            (SELECT count(*)::int FROM idempotency_keys) AS idempotency_keys,
            (SELECT coalesce(sum(last_value), 0)::int FROM application_code_counters) AS code_numbers`,
  );
  return rows[0];
}

/** The error shape every endpoint answers with, and the fields it names. */
export function expectError(res: Response, status: number, code: string, fields?: string[]): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.body).toMatchObject({ statusCode: status, message: expect.any(String) });
  expect(Array.isArray(res.body.details)).toBe(true);
  if (fields) {
    const named = (res.body.details as Array<{ field: string }>).map((d) => d.field);
    expect([...new Set(named)].sort()).toEqual([...fields].sort());
  }
}

/** POSTs a JSON body as given: `raw` text is sent byte for byte (malformed JSON and the like). */
export function postJson(
  t: TestApp,
  path: string,
  token: string,
  body: { raw?: string; json?: unknown },
): Promise<Response> {
  return t.http
    .post(path)
    .set('authorization', `Bearer ${token}`)
    .set('content-type', 'application/json')
    .send(
      body.raw ??
        JSON.stringify(
          // Only lifecycle actions take a correction (not intake or other routes).
          /\/applications\/[^/]+\/[a-z-]+$/.test(path) &&
            body.json !== null &&
            typeof body.json === 'object' &&
            !Array.isArray(body.json)
            ? asCorrection(token, body.json)
            : body.json,
        ),
    );
}

/** Runs `send` and checks that no table changed. */
export async function unchanged(t: TestApp, send: () => Promise<Response>): Promise<Response> {
  const before = await tableCounts(t);
  const res = await send();
  expect(await tableCounts(t)).toEqual(before);
  return res;
}

/**
 * `t.close()`, minus a harness race: pg's Pool.end() resolves before its sockets are closed,
 * and the database is then dropped WITH (FORCE), which may terminate a backend still closing;
 * its client then raises an 'error' on the pool, which has no listener, and the whole file
 * fails. Errors on this pool no longer matter once we are closing.
 */
export async function closeTestApp(t: TestApp): Promise<void> {
  t.db.on('error', () => undefined);
  await t.close();
}
