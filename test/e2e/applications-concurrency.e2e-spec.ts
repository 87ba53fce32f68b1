import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  applicantFor,
  closeTestApp,
  createDriver,
  Driver,
  expectError,
  tableCounts,
} from './support/drive';

/** The daily sequence numbers of a set of codes (`<agency>-<yyMMdd>-<NNNN>`), grouped by day. */
function numbersByDay(codes: string[], agencyCode: string): Map<string, number[]> {
  const byDay = new Map<string, number[]>();
  for (const code of codes) {
    const match = new RegExp(`^${agencyCode}-(\\d{6})-(\\d{4,})$`).exec(code);
    expect(match).not.toBeNull();
    const [, day, n] = match!;
    byDay.set(day, [...(byDay.get(day) ?? []), Number(n)]);
  }
  for (const numbers of byDay.values()) {
    numbers.sort((a, b) => a - b);
  }
  return byDay;
}

/** 1..n: gap-free and without duplicates (a midnight between two intakes starts a new day). */
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('applications API under concurrency', () => {
  let t: TestApp;
  let d: Driver;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    admin = await d.adminToken();
  });
  afterAll(() => closeTestApp(t));

  describe('optimistic versions', () => {
    it.each([
      { label: 'an old version', version: (v: number) => v - 1 },
      { label: 'a future version', version: (v: number) => v + 5 },
    ])('$label → 409 STALE_VERSION with the current state', async ({ version }) => {
      const app = await d.driveTo(S.Processing);
      const before = await d.snapshot(app.id);

      const res = await d.act(A.MarkResultReady, app, admin, { version: version(app.version) });

      expectError(res, 409, 'STALE_VERSION', ['version']);
      expect(res.body.current).toMatchObject({
        id: app.id,
        status: 'processing',
        version: app.version,
      });
      expect(await d.snapshot(app.id)).toEqual(before);
    });

    it('a stale version is refused even when the action would be illegal', async () => {
      const app = await d.driveTo(S.ResultReady);
      const res = await d.act(A.Start, app, admin, { version: 1 });
      expectError(res, 409, 'STALE_VERSION');
      expect(res.body.current).toMatchObject({ status: 'result_ready', version: app.version });
    });

    it.each([
      { label: 'two different actions', actions: [A.MarkResultReady, A.RequestSupplement] },
      { label: 'the same action twice', actions: [A.MarkResultReady, A.MarkResultReady] },
      { label: 'stop and request-withdrawal', actions: [A.Stop, A.RequestWithdrawal] },
    ])('$label with one version: exactly one wins', async ({ actions }) => {
      const app = await d.driveTo(S.Processing);
      const before = await d.snapshot(app.id);
      const bodies = await Promise.all(actions.map((a) => d.bodyFor(a, app)));

      const answers: Response[] = await Promise.all(
        actions.map((action, i) => d.act(action, app, admin, bodies[i])),
      );

      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = answers.find((r) => r.status === 200)!;
      const loser = answers.find((r) => r.status === 409)!;
      expectError(loser, 409, 'STALE_VERSION');
      expect(loser.body.current).toMatchObject({
        status: winner.body.status,
        version: app.version + 1,
      });
      expect(await d.snapshot(app.id)).toMatchObject({
        status: winner.body.status,
        version: before.version + 1,
        history: before.history + 1,
        outbox: before.outbox + 1,
      });
    });
  });

  describe('application codes', () => {
    it('50 concurrent intakes for one agency get 50 distinct, gap-free numbers', async () => {
      const agency = await createDriver(t, { agencyCode: 'SGDCONC' });

      const answers = await Promise.all(Array.from({ length: 50 }, () => agency.intake(admin)));

      expect(answers.map((r) => r.status)).toEqual(Array(50).fill(201));
      const codes = answers.map((r) => (r.body as ApplicationView).code);
      expect(new Set(codes).size).toBe(50);
      const byDay = numbersByDay(codes, 'SGDCONC');
      for (const numbers of byDay.values()) {
        expect(numbers).toEqual(oneTo(numbers.length));
      }
      expect([...byDay.values()].flat()).toHaveLength(50);
      const stored = await t.db.query(
        `SELECT count(*)::int AS n FROM applications WHERE agency_code = 'SGDCONC'`,
      );
      expect(stored.rows[0].n).toBe(50);
    });

    it('concurrent intakes across two agencies number each agency on its own', async () => {
      const a = await createDriver(t, { agencyCode: 'SGDAAA' });
      const b = await createDriver(t, { agencyCode: 'SGDBBB' });

      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).intake(admin)),
      );

      expect(answers.every((r) => r.status === 201)).toBe(true);
      const codes = answers.map((r) => (r.body as ApplicationView).code);
      for (const agency of ['SGDAAA', 'SGDBBB']) {
        const mine = codes.filter((c) => c.startsWith(`${agency}-`));
        expect(mine).toHaveLength(20);
        for (const numbers of numbersByDay(mine, agency).values()) {
          expect(numbers).toEqual(oneTo(numbers.length));
        }
      }
    });

    it('a failed intake does not use up a number', async () => {
      const agency = await createDriver(t, { agencyCode: 'SGDFAIL' });
      const first = await agency.intake(admin);
      // Unknown procedure: refused before any number is taken.
      const unknown = await agency.intake(admin, {
        procedureCode: '9.999999',
        channel: 'direct',
        applicant: applicantFor(),
      });
      expectError(unknown, 400, 'VALIDATION_FAILED', ['procedureCode']);
      // A failure inside the intake statement itself, after the counter moved: injected with
      // a trigger in this file's own database.
      await t.db.query(`
        CREATE FUNCTION fail_marked_intake() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.note = 'FAIL-ME' THEN RAISE EXCEPTION 'injected failure'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER fail_marked_intake BEFORE INSERT ON application_history
        FOR EACH ROW EXECUTE FUNCTION fail_marked_intake();`);
      try {
        const before = await tableCounts(t);
        const failed = await agency.intake(admin, {
          procedureCode: agency.procedureCode,
          channel: 'direct',
          applicant: applicantFor(),
          note: 'FAIL-ME',
        });
        expect(failed.status).toBe(500);
        expect(await tableCounts(t)).toEqual(before);
      } finally {
        await t.db.query(`DROP TRIGGER fail_marked_intake ON application_history;
                          DROP FUNCTION fail_marked_intake();`);
      }
      const next = await agency.intake(admin);

      const [n1, n2] = [first, next].map((r) => Number(r.body.code.split('-')[2]));
      expect(first.body.code.split('-')[1]).toBe(next.body.code.split('-')[1]);
      expect([n1, n2]).toEqual([1, 2]);
    });
  });

  describe('Idempotency-Key', () => {
    const key = () => `key-${Math.random().toString(36).slice(2, 14)}`;
    const countFor = async (idNumber: string) =>
      (
        await t.db.query(
          'SELECT count(*)::int AS n FROM applications WHERE applicant_id_number = $1',
          [idNumber],
        )
      ).rows[0].n as number;
    const bodyWith = (idNumber: string, fullName = 'Lê Văn Cường') => ({
      procedureCode: d.procedureCode,
      channel: 'direct',
      applicant: { ...applicantFor(fullName), idNumber },
    });

    it('same key and same body replays the first answer; one application', async () => {
      const k = key();
      const first = await d.intake(admin, bodyWith('111111111'), { 'idempotency-key': k });
      const again = await d.intake(admin, bodyWith('111111111'), { 'idempotency-key': k });

      expect(first.status).toBe(201);
      expect(first.headers['idempotency-replayed']).toBeUndefined();
      expect(again.status).toBe(201);
      expect(again.headers['idempotency-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await countFor('111111111')).toBe(1);
    });

    it('the same body with its fields in another order is the same request', async () => {
      const k = key();
      const body = bodyWith('666666666');
      const reordered = {
        applicant: {
          phone: body.applicant.phone,
          idNumber: '666666666',
          fullName: body.applicant.fullName,
        },
        channel: body.channel,
        procedureCode: body.procedureCode,
      };
      const first = await d.intake(admin, body, { 'idempotency-key': k });
      const again = await d.intake(admin, reordered, { 'idempotency-key': k });

      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.headers['idempotency-replayed']).toBe('true');
      expect(again.body.id).toBe(first.body.id);
      expect(await countFor('666666666')).toBe(1);
    });

    it('same key with another body → 422 IDEMPOTENCY_KEY_REUSED, nothing new', async () => {
      const k = key();
      const first = await d.intake(admin, bodyWith('222222222'), { 'idempotency-key': k });
      expect(first.status).toBe(201);
      const before = await tableCounts(t);

      const other = await d.intake(admin, bodyWith('222222222', 'Phạm Thị Dung'), {
        'idempotency-key': k,
      });

      expectError(other, 422, 'IDEMPOTENCY_KEY_REUSED', ['Idempotency-Key']);
      expect(await tableCounts(t)).toEqual(before);
      expect(await countFor('222222222')).toBe(1);
    });

    it('a first attempt that failed does not use up the key', async () => {
      const k = key();
      const failed = await d.intake(
        admin,
        { ...bodyWith('777777777'), procedureCode: '9.999999' },
        { 'idempotency-key': k },
      );
      expectError(failed, 400, 'VALIDATION_FAILED', ['procedureCode']);
      const fixed = await d.intake(admin, bodyWith('777777777'), { 'idempotency-key': k });
      expect(fixed.status).toBe(201);
      expect(fixed.headers['idempotency-replayed']).toBeUndefined();
      expect(await countFor('777777777')).toBe(1);
    });

    it('two concurrent requests with one key create one application', async () => {
      const k = key();
      const answers = await Promise.all(
        [1, 2].map(() => d.intake(admin, bodyWith('333333333'), { 'idempotency-key': k })),
      );

      expect(answers.map((r) => r.status)).toEqual([201, 201]);
      expect(answers[0].body.id).toBe(answers[1].body.id);
      expect(answers[0].body.code).toBe(answers[1].body.code);
      expect(answers.filter((r) => r.headers['idempotency-replayed'] === 'true')).toHaveLength(1);
      expect(await countFor('333333333')).toBe(1);
    });

    it('the same key used by two different users makes two applications', async () => {
      const k = key();
      const reception = await t.tokenFor(Role.Reception);
      const a = await d.intake(admin, bodyWith('444444444'), { 'idempotency-key': k });
      const b = await d.intake(reception, bodyWith('444444444'), { 'idempotency-key': k });
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.id).not.toBe(b.body.id);
      expect(await countFor('444444444')).toBe(2);
    });

    it('a malformed key → 400 naming Idempotency-Key, nothing stored', async () => {
      const before = await tableCounts(t);
      const res = await d.intake(admin, bodyWith('555555555'), { 'idempotency-key': 'x y' });
      expectError(res, 400, 'VALIDATION_FAILED', ['Idempotency-Key']);
      expect(await tableCounts(t)).toEqual(before);
    });
  });
});
