import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  FixedClock,
  SecurityAuditService,
  SecurityEvent,
  SecurityRetentionService,
} from '@app/core';
import { RefreshTokenRepository, SecurityAuditRepository } from '@app/database';
import { Role } from '@app/domain';
import { childEnv } from '../setup/child-env';
import { startTestApp, TestApp } from '../setup/test-app';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** `npm run audit:verify` against this file's database: exit code and output. */
async function verifyCommand(databaseUrl: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/audit-verify.ts'],
      { cwd: ROOT, env: childEnv({ DATABASE_URL: databaseUrl, NODE_ENV: 'test' }) },
    );
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** Changes rows as the database owner would, with the append-only trigger off. */
async function tamper(t: TestApp, sql: string, params: unknown[] = []): Promise<void> {
  const client = await t.db.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      'ALTER TABLE security_audit_log DISABLE TRIGGER security_audit_log_append_only',
    );
    await client.query(sql, params);
    await client.query(
      'ALTER TABLE security_audit_log ENABLE TRIGGER security_audit_log_append_only',
    );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

describe('security audit log: append-only, hash-chained', () => {
  let t: TestApp;
  let audit: SecurityAuditService;
  let repository: SecurityAuditRepository;

  beforeEach(async () => {
    t = await startTestApp();
    audit = t.app.get(SecurityAuditService);
    repository = t.app.get(SecurityAuditRepository);
    for (let i = 0; i < 5; i += 1) {
      await audit.record({
        event: SecurityEvent.ReportExported,
        actor: { id: '00000000-0000-4000-8000-00000000000' + i, username: `nguoi_${i}` },
        subject: `report:quarter-${i}.xlsx`,
        address: '127.0.0.1',
        details: { n: i, text: 'Báo cáo quý' },
      });
    }
    await audit.recordLockout({
      subject: 'account',
      key: 'tiepnhan',
      until: new Date('2026-12-01T08:15:00Z'),
    });
  });
  afterEach(() => t.close());

  it('verifies: each row covers the previous hash and its own content', async () => {
    expect(await repository.verify()).toMatchObject({ ok: true, rows: 6, lastId: '6' });
    const { code, out } = await verifyCommand(t.config.database.url);
    expect(code).toBe(0);
    expect(out).toMatch(/audit:verify: ok — 6 rows, head row 6, hash [0-9a-f]{64}/);
    const lockout = await t.db.query(
      `SELECT subject, details FROM security_audit_log WHERE id = 6`,
    );
    expect(lockout.rows[0]).toEqual({
      subject: 'account:tiepnhan',
      details: { until: '2026-12-01T08:15:00.000Z' },
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(
      t.db.query(`UPDATE security_audit_log SET event = 'x' WHERE id = 1`),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(t.db.query(`DELETE FROM security_audit_log WHERE id = 1`)).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(t.db.query(`TRUNCATE security_audit_log`)).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
    expect(await repository.verify()).toMatchObject({ ok: true, rows: 6 });
  });

  it('detects an edited row, names it, and the command exits 1', async () => {
    await tamper(t, `UPDATE security_audit_log SET details = '{"n": 99}' WHERE id = 3`);
    expect(await repository.verify()).toEqual({
      ok: false,
      rowId: '3',
      reason: 'its content does not match its hash (edited)',
    });
    const { code, out } = await verifyCommand(t.config.database.url);
    expect(code).toBe(1);
    expect(out).toContain('audit:verify: BROKEN at row 3');
  });

  it('detects an edit whose hash was recomputed too: the next row no longer follows', async () => {
    await tamper(
      t,
      `UPDATE security_audit_log SET event = 'x', hash = security_audit_row_hash(prev_hash, id, occurred_at, 'x', actor_id, actor_username, subject, address, details) WHERE id = 2`,
    );
    expect(await repository.verify()).toEqual({
      ok: false,
      rowId: '3',
      reason: 'it does not follow row 2 (previous hash differs)',
    });
  });

  it('detects a deleted row, the first rows deleted, and the newest row deleted', async () => {
    await tamper(t, `DELETE FROM security_audit_log WHERE id = 4`);
    expect(await repository.verify()).toEqual({
      ok: false,
      rowId: '5',
      reason: 'row 4 is missing (deleted)',
    });
    const { code } = await verifyCommand(t.config.database.url);
    expect(code).toBe(1);

    await tamper(t, `DELETE FROM security_audit_log WHERE id <= 4`);
    expect(await repository.verify()).toMatchObject({
      ok: false,
      rowId: '5',
      reason: expect.stringMatching(/first row/),
    });

    await tamper(t, `DELETE FROM security_audit_log`);
    expect(await repository.verify()).toMatchObject({
      ok: false,
      rowId: '6',
      reason: expect.stringMatching(/newest rows deleted/),
    });
  });

  it('serialises concurrent appends into one linear chain', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        audit.record({ event: SecurityEvent.LoginFailed, subject: `account:a${i}` }),
      ),
    );
    expect(await repository.verify()).toMatchObject({ ok: true, rows: 46, lastId: '46' });
  });
});

describe('security audit log: retention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('purges rows past retention and stays verifiable from the anchor row', async () => {
    const repository = t.app.get(SecurityAuditRepository);
    const now = new Date();
    const old = new Date(now.getTime() - 400 * 24 * 3600_000); // about 13 months ago
    const entry = (occurredAt: Date, event: string) => ({
      occurredAt,
      event,
      actorId: null,
      actorUsername: null,
      subject: null,
      address: null,
      details: {},
    });
    for (let i = 0; i < 5; i += 1) {
      await repository.append(entry(old, 'auth.login.failed'));
    }
    await repository.append(entry(now, 'auth.login.succeeded'));
    expect(await repository.verify()).toMatchObject({ ok: true, rows: 6 });

    const before = new Date(now);
    before.setUTCMonth(before.getUTCMonth() - 12);
    expect(await repository.purge(before, now)).toBe(5);
    const rows = await t.db.query(`SELECT id, event, details FROM security_audit_log ORDER BY id`);
    expect(rows.rows.map((r) => [r.id, r.event])).toEqual([
      ['6', 'auth.login.succeeded'],
      ['7', 'audit.purged'],
    ]);
    expect(rows.rows[1].details).toMatchObject({ throughId: 5, purged: 5 });
    expect(await repository.verify()).toMatchObject({ ok: true, rows: 2, lastId: '7' });
    // Nothing older is left: a second purge changes nothing.
    expect(await repository.purge(before, now)).toBe(0);
    // The purge cannot be faked: deleting the anchor's rows' successor breaks the chain.
    await expect(t.db.query(`DELETE FROM security_audit_log WHERE id = 6`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('the nightly job purges audit rows past AUDIT_RETENTION_MONTHS and expired refresh tokens', async () => {
    const later = new Date(Date.now() + 14 * 31 * 24 * 3600_000); // 14 months on
    const retention = new SecurityRetentionService(
      t.app.get(SecurityAuditRepository),
      t.app.get(RefreshTokenRepository),
      new FixedClock(later),
      t.config,
    );
    const user = await t.factory.user({ role: Role.Reception, password: 'mat-khau-luu-tru' });
    await t.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: 'mat-khau-luu-tru' })
      .expect(200);
    const outcome = await retention.purge();
    expect(outcome.refreshTokensPurged).toBe(1);
    expect(outcome.auditRowsPurged).toBeGreaterThanOrEqual(2);
    const left = await t.db.query(`SELECT event FROM security_audit_log ORDER BY id`);
    expect(left.rows).toEqual([{ event: 'audit.purged' }]);
    expect(await t.app.get(SecurityAuditRepository).verify()).toMatchObject({ ok: true, rows: 1 });
  });

  it('purges a backlog in bounded batches over several nights, each batch with its anchor', async () => {
    const repository = t.app.get(SecurityAuditRepository);
    const later = new Date(Date.now() + 28 * 31 * 24 * 3600_000); // past the rows above too
    const old = new Date(later.getTime() - 400 * 24 * 3600_000);
    for (let i = 0; i < 12; i += 1) {
      await repository.append({
        occurredAt: old,
        event: 'auth.login.failed',
        actorId: null,
        actorUsername: null,
        subject: null,
        address: null,
        details: {},
      });
    }
    const user = await t.factory.user({ role: Role.Reception });
    await t.db.query(
      `INSERT INTO refresh_tokens (family_id, user_id, token_hash, token_version, created_at, expires_at)
       SELECT gen_random_uuid(), $1, decode(md5(random()::text || g), 'hex'), 1, $2::timestamptz - interval '30 days',
              $2::timestamptz - g * interval '1 hour'
       FROM generate_series(1, 7) g`,
      [user.id, later],
    );
    const retention = new SecurityRetentionService(
      repository,
      t.app.get(RefreshTokenRepository),
      new FixedClock(later),
      { ...t.config, housekeeping: { ...t.config.housekeeping, batchSize: 5, maxBatches: 2 } },
    );
    const before = await t.db.query(`SELECT count(*)::int AS n FROM security_audit_log`);
    expect(before.rows[0].n).toBe(13);
    // Two batches of five a night: ten of each kind go tonight, the rest tomorrow.
    const first = await retention.purge();
    expect(first.refreshTokensPurged).toBe(7); // 5, then 2: the batch was not full
    expect(first.auditRowsPurged).toBe(10);
    const second = await retention.purge();
    expect(second.auditRowsPurged).toBe(before.rows[0].n - 10);
    expect(second.refreshTokensPurged).toBe(0);
    const left = await t.db.query(`SELECT event, details FROM security_audit_log ORDER BY id`);
    // The 13 old rows (the earlier anchor and the 12) went in three batches, one anchor each.
    expect(left.rows.map((r) => [r.event, r.details.purged])).toEqual([
      ['audit.purged', 5],
      ['audit.purged', 5],
      ['audit.purged', 3],
    ]);
    expect(await repository.verify()).toMatchObject({ ok: true, rows: 3 });
  });
});
