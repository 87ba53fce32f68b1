import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { JwtService } from '@nestjs/jwt';
import { DEV_JWT_SECRET } from '@app/config';
import { ApplicationStatus as S, Role } from '@app/domain';
import { childEnv } from '../setup/child-env';
import { startTestApp, TestApp } from '../setup/test-app';
import { createDriver, Driver } from './support/drive';
import { bearer } from './support/sessions';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

describe('exports of personal data and settings changes are audited', () => {
  let t: TestApp;
  let d: Driver;
  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
  });
  afterAll(() => t.close());

  const lastEvent = async () =>
    (
      await t.db.query(
        `SELECT event, actor_id, subject, address, details FROM security_audit_log ORDER BY id DESC LIMIT 1`,
      )
    ).rows[0];

  it('a report workbook', async () => {
    const director = await t.factory.user({ role: Role.Director });
    const token = await t.app.get(JwtService).signAsync({
      sub: director.id,
      username: director.username,
      role: 'director',
      departmentId: null,
    });
    await t.http.get('/api/v1/reports/quarter.xlsx?year=2026&n=4').set(bearer(token)).expect(200);
    expect(await lastEvent()).toMatchObject({
      event: 'export.report',
      actor_id: director.id,
      subject: expect.stringMatching(/^report:.+\.xlsx$/),
      address: expect.any(String),
      details: { query: { year: 2026, n: 4 } },
    });
    await t.http
      .get('/api/v1/reports/tracking-book.xlsx?from=2026-11-01&to=2026-11-30')
      .set(bearer(token))
      .expect(200);
    expect(await lastEvent()).toMatchObject({ event: 'export.report', actor_id: director.id });
  });

  it('a PDF form of an application; a refused request records nothing', async () => {
    const app = await d.driveTo(S.Received);
    const before = await t.db.query(`SELECT count(*)::int AS n FROM security_audit_log`);
    await t.http.get(`/api/v1/applications/${app.code}/documents/receipt.pdf`).expect(401);
    await t.http
      .get(`/api/v1/applications/${app.code}/documents/nothing.pdf`)
      .set(bearer(await d.adminToken()))
      .expect(404);
    const after = await t.db.query(`SELECT count(*)::int AS n FROM security_audit_log`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    await t.http
      .get(`/api/v1/applications/${app.code}/documents/receipt.pdf`)
      .set(bearer(await d.adminToken()))
      .expect(200);
    expect(await lastEvent()).toMatchObject({
      event: 'export.document',
      subject: `application:${app.code}`,
      details: { document: 'receipt.pdf' },
    });
  });

  it('a change of the holiday calendar', async () => {
    await t.http
      .put('/api/v1/calendar/2027/overrides')
      .set(bearer(await t.tokenFor(Role.Admin)))
      .send({
        overrides: [
          { date: '2027-09-03', kind: 'day_off', reason: 'Nghỉ bù', source: 'Thông báo thử' },
        ],
      })
      .expect(200);
    expect(await lastEvent()).toMatchObject({
      event: 'calendar.changed',
      subject: 'calendar:2027',
      details: { overrides: [{ date: '2027-09-03', kind: 'day_off' }] },
    });
  });

  it('a change of the escalation policy', async () => {
    const res = await t.http
      .put('/api/v1/escalation-policies')
      .set(bearer(await t.tokenFor(Role.Admin)))
      .send({ departmentId: d.departmentId, overdueWorkingDays: 3 })
      .expect(201);
    expect(await lastEvent()).toMatchObject({
      event: 'escalation_policy.changed',
      subject: `escalation-policy:${res.body.id}`,
      details: { created: true, overdueWorkingDays: 3 },
    });
    await t.http
      .delete(`/api/v1/escalation-policies/${res.body.id}?version=${res.body.version}`)
      .set(bearer(await t.tokenFor(Role.Admin)))
      .expect(204);
    expect(await lastEvent()).toMatchObject({ event: 'escalation_policy.removed' });
  });
});

describe('the real API process refuses a known secret in production', () => {
  it('exits non-zero naming JWT_SECRET, without printing the secret', async () => {
    let failure: { code: number; stdout: string; stderr: string } | null = null;
    try {
      await run(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
        cwd: ROOT,
        timeout: 60_000,
        // PORT is never reached: the configuration is refused first.
        env: childEnv({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET, PORT: '1' }),
      });
    } catch (error) {
      failure = error as { code: number; stdout: string; stderr: string };
    }
    expect(failure).not.toBeNull();
    expect(failure!.code).not.toBe(0);
    const output = failure!.stdout + failure!.stderr;
    expect(output).toMatch(/JWT_SECRET: is a published value/);
    expect(output).not.toContain(DEV_JWT_SECRET);
  }, 90_000);
});
