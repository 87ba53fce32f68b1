import ExcelJS from 'exceljs';
import { ApplicationStatus as S, Role, toLocalDate, TransitionAction as A } from '@app/domain';
import { JobName, QueueName } from '@app/messaging';
import { Queue } from 'bullmq';
import { createDriver, Driver } from '../e2e/support/drive';
import { StubPortal } from '../setup/stub-portal';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  dropQueues,
  eventually,
  queueFor,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

interface SyncState {
  state: string;
  ackedVersion: number;
  version: number;
  attempts: number;
  lastError: string | null;
}

describe('DVCQG sync against a stub portal', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase;
  let portal: StubPortal;
  let drive: Driver;
  let admin: string;
  let queue: Queue;
  const prefix = testQueuePrefix();

  const syncState = async (id: string): Promise<SyncState | undefined> =>
    (
      await t.db.query<SyncState>(
        `SELECT s.state, s.acked_version AS "ackedVersion", a.version, s.attempts, s.last_error AS "lastError"
         FROM applications a LEFT JOIN portal_sync_states s ON s.application_id = a.id WHERE a.id = $1`,
        [id],
      )
    ).rows[0];
  const synced = (id: string) =>
    eventually(
      () => syncState(id),
      (s) => s?.state === 'synced' && s.ackedVersion === s.version,
    );
  const historyCount = async (id: string) =>
    Number(
      (
        await t.db.query(
          `SELECT count(*) AS n FROM application_history WHERE application_id = $1`,
          [id],
        )
      ).rows[0].n,
    );

  beforeAll(async () => {
    portal = await new StubPortal().start();
    t = await startTestApp();
    drive = await createDriver(t);
    admin = await drive.adminToken();
    worker = await startWorkerOn(t.config.database.url, {
      QUEUE_PREFIX: prefix,
      DVCQG_BASE_URL: portal.url,
      DVCQG_TIMEOUT_MS: '400',
    });
    queue = queueFor(prefix, QueueName.PortalSync);
  });
  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
    await portal?.close();
  });

  it('sends the dossier, then its progress rows; a re-sync with nothing new sends nothing', async () => {
    const app = await drive.driveTo(S.Processing, 'Đỗ Thị Lan');
    await synced(app.id);
    const dossier = portal.dossiers.get(app.code)!;
    expect(dossier).toMatchObject({
      MaHoSo: app.code,
      MaTTHC: drive.procedureCode,
      ChuHoSo: 'Đỗ Thị Lan',
      KenhThucHien: 1,
      TrangThaiHoSo: 4,
    });
    expect(dossier.NgayTiepNhan).toMatch(/^\d{14}$/);
    expect(portal.progress.get(app.code)?.size).toBe(await historyCount(app.id));
    const records = await t.db.query(
      `SELECT version, state FROM portal_sync_records WHERE application_id = $1 ORDER BY version`,
      [app.id],
    );
    expect(records.rows.length).toBeGreaterThanOrEqual(2);
    expect(records.rows.every((r) => r.state === 'acknowledged')).toBe(true);

    const before = portal.calls.length;
    await queue.add(JobName.PortalResync, { applicationId: app.id }, { jobId: `again-${app.id}` });
    await eventually(
      async () => (await queue.getJob(`again-${app.id}`))?.finishedOn,
      (v) => v !== undefined,
    );
    expect(portal.calls.slice(before)).toEqual([]);
  });

  it("a relay batch's events: their records in one job, then a re-send job per dossier", async () => {
    const apps = await Promise.all([1, 2, 3].map(() => drive.driveTo(S.Received)));
    await Promise.all(apps.map((app) => synced(app.id)));
    // The portal lost them and motcua forgets what was acknowledged: only a re-send brings
    // them back, and here only the batch job below can cause one.
    for (const app of apps) {
      portal.dossiers.delete(app.code);
    }
    await t.db.query(
      `UPDATE portal_sync_states SET dossier_hash = NULL, state = 'pending' WHERE application_id = ANY($1::uuid[])`,
      [apps.map((app) => app.id)],
    );
    const { rows } = await t.db.query(
      `SELECT id, type, occurred_at, payload FROM outbox_events
       WHERE aggregate_id = ANY($1::uuid[]) ORDER BY occurred_at`,
      [apps.map((app) => app.id)],
    );
    const events = rows.map((r) => ({
      eventId: r.id,
      type: r.type,
      occurredAt: new Date(r.occurred_at).toISOString(),
      payload: r.payload,
    }));
    // The relay may have delivered these three in one batch already: its re-send jobs, kept
    // as completed, would make the ones below duplicates (the same dossier versions).
    const latestVersion = (id: string) =>
      Math.max(
        ...events.filter((e) => e.payload.applicationId === id).map((e) => e.payload.version),
      );
    await Promise.all(
      apps.map((app) => queue.remove(`portal-sync-${app.id}-${latestVersion(app.id)}`)),
    );
    await queue.add(JobName.PortalApplyEvent, { events }, { jobId: 'batch-again' });

    await eventually(
      async () => (await queue.getJob('batch-again'))?.returnvalue,
      (v) => v !== undefined && v !== null,
    );
    expect((await queue.getJob('batch-again'))?.returnvalue).toEqual({
      recorded: events.length,
      syncs: apps.length,
    });
    for (const app of apps) {
      await eventually(
        () => Promise.resolve(portal.dossiers.get(app.code)?.MaHoSo),
        (code) => code === app.code,
      );
      expect(await queue.getJob(`portal-sync-${app.id}-${latestVersion(app.id)}`)).toBeDefined();
    }
  });

  it('"already exists" turns into an update', async () => {
    const app = await drive.driveTo(S.Processing);
    await synced(app.id);
    // motcua lost what it knew (a restore): the next change creates again and meets the copy.
    await t.db.query(
      `UPDATE portal_sync_states SET dossier_hash = NULL WHERE application_id = $1`,
      [app.id],
    );
    const before = portal.calls.length;
    const res = await drive.act(A.MarkResultReady, app, admin);
    expect(res.status).toBe(200);
    await synced(app.id);
    const writes = portal.calls.slice(before).filter((c) => !c.path.endsWith('/tiendo'));
    expect(writes.map((c) => c.method)).toEqual(['POST', 'PUT']);
    expect(portal.dossiers.get(app.code)?.TrangThaiHoSo).toBe(9);
  });

  it('retries 5xx answers and timeouts with backoff until acknowledged', async () => {
    const app = await drive.driveTo(S.Processing);
    await synced(app.id);
    portal.failNext('http500', 'timeout');
    const res = await drive.act(A.MarkResultReady, app, admin);
    expect(res.status).toBe(200);
    await synced(app.id);
    expect(portal.dossiers.get(app.code)?.TrangThaiHoSo).toBe(9);
    const statuses = portal.calls.filter((c) => c.path.includes(encodeURIComponent(app.code)));
    expect(statuses.some((c) => c.status === 503)).toBe(true);
    expect(statuses.some((c) => c.status === 0)).toBe(true);
  });

  it('a refusal dead-letters the dossier at once; the next change sends it again', async () => {
    const app = await drive.driveTo(S.Processing);
    await synced(app.id);
    portal.failNext('refuse400');
    const ready = (await drive.act(A.MarkResultReady, app, admin)).body;
    const dead = await eventually(
      () => syncState(app.id),
      (s) => s?.state === 'dead',
    );
    expect(dead?.lastError).toMatch(/refused \(HTTP 400/);
    const deadRecords = await t.db.query(
      `SELECT count(*)::int AS n FROM portal_sync_records WHERE application_id = $1 AND state = 'dead'`,
      [app.id],
    );
    expect(deadRecords.rows[0].n).toBeGreaterThan(0);
    expect(portal.dossiers.get(app.code)?.TrangThaiHoSo).toBe(4);

    await drive.act(A.ReturnResult, ready, admin);
    await synced(app.id);
    expect(portal.dossiers.get(app.code)?.TrangThaiHoSo).toBe(10);
    const left = await t.db.query(
      `SELECT count(*)::int AS n FROM portal_sync_records WHERE application_id = $1 AND state <> 'acknowledged'`,
      [app.id],
    );
    expect(left.rows[0].n).toBe(0);
  });

  it('a procedure code without a national code is dead-lettered, naming the code', async () => {
    const local = await t.factory.procedure({ code: '9.900077', departmentId: drive.departmentId });
    const res = await drive.intake(admin, {
      procedureCode: local.code,
      channel: 'direct',
      applicant: { fullName: 'Vũ Văn Minh', idNumber: '001099000001', phone: '0912345678' },
    });
    expect(res.status).toBe(201);
    const dead = await eventually(
      () => syncState(res.body.id),
      (s) => s?.state === 'dead',
    );
    expect(dead?.lastError).toContain('9.900077');
    expect(portal.dossiers.has(res.body.code)).toBe(false);
  });

  it('the nightly reconciliation re-sends what the portal lost or holds differently', async () => {
    const app = await drive.driveTo(S.Processing);
    await synced(app.id);
    const lost = await drive.driveTo(S.Received);
    await synced(lost.id);
    // The portal lost one dossier and holds a stale status and no progress for the other.
    portal.dossiers.delete(lost.code);
    portal.progress.delete(lost.code);
    portal.dossiers.set(app.code, { ...portal.dossiers.get(app.code)!, TrangThaiHoSo: 2 });
    await t.db.query(`DELETE FROM portal_reconciliation_runs`);
    const job = await queue.add(JobName.PortalReconcile, { day: 'test' }, { jobId: 'reconcile-1' });
    const done = await eventually(
      async () => (await queue.getJob(job.id!))?.returnvalue,
      (v) => v !== null && v !== undefined,
    );
    expect(done).toMatchObject({ resent: 2, complete: true });
    await eventually(
      () =>
        Promise.resolve([
          portal.dossiers.get(app.code)?.TrangThaiHoSo,
          portal.dossiers.has(lost.code),
        ]),
      ([status, has]) => status === 4 && has === true,
    );
    await eventually(
      () => Promise.resolve(portal.progress.get(lost.code)?.size ?? 0),
      (n) => n === 1,
    );
    const runs = await t.db.query(
      `SELECT checked, resent, complete FROM portal_reconciliation_runs`,
    );
    expect(runs.rows).toEqual([expect.objectContaining({ resent: 2, complete: true })]);
  });

  it('K5: the sync rate and lag in the summary and the monthly workbook', async () => {
    const director = await t.tokenFor(Role.Director);
    const today = toLocalDate(new Date());
    const summary = await t.http
      .get(`/api/v1/metrics/summary?from=${today}&to=${today}`)
      .set('authorization', `Bearer ${director}`)
      .expect(200);
    const k51 = summary.body.kpis.find((k: { code: string }) => k.code === 'K5.1');
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS received,
              count(*) FILTER (WHERE s.acked_version >= a.version)::int AS acknowledged
       FROM applications a LEFT JOIN portal_sync_states s ON s.application_id = a.id
       WHERE a.received_at IS NOT NULL`,
    );
    // Every application of this file was received today; the unmapped one is not synced.
    expect(rows[0].acknowledged).toBeLessThan(rows[0].received);
    expect(k51).toMatchObject({
      numerator: rows[0].acknowledged,
      denominator: rows[0].received,
      value: Math.round((rows[0].acknowledged * 10000) / rows[0].received) / 100,
    });
    expect(k51.note).toMatch(/average [\d.]+ s, worst [\d.]+ s/);
    // The lag is summed by day as records are acknowledged: equal to the records themselves.
    const lag = await t.db.query(
      `SELECT count(*)::int AS n,
              coalesce(sum(extract(epoch FROM acknowledged_at - occurred_at)), 0)::float8 AS total,
              coalesce(max(extract(epoch FROM acknowledged_at - occurred_at)), 0)::float8 AS max
       FROM portal_sync_records WHERE state = 'acknowledged'`,
    );
    const daily = await t.db.query(
      `SELECT coalesce(sum(acknowledged), 0)::int AS n, coalesce(sum(lag_total_seconds), 0)::float8 AS total,
              coalesce(max(lag_max_seconds), 0)::float8 AS max FROM portal_sync_lag_daily`,
    );
    expect(lag.rows[0].n).toBeGreaterThan(0);
    expect(daily.rows[0].n).toBe(lag.rows[0].n);
    expect(daily.rows[0].total).toBeCloseTo(lag.rows[0].total, 3);
    expect(daily.rows[0].max).toBeCloseTo(lag.rows[0].max, 3);
    expect(k51.note).toContain(`over ${lag.rows[0].n} changes`);

    const [year, month] = today.split('-').map(Number);
    const res = await t.http
      .get(`/api/v1/reports/month.xlsx?year=${year}&n=${month}`)
      .set('authorization', `Bearer ${director}`)
      .buffer(true)
      .parse((response, cb) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const sheet = wb.getWorksheet('Chỉ tiêu')!;
    const codes: string[] = [];
    sheet.eachRow((row) => codes.push(row.getCell(1).text));
    const k51Row = sheet.getRow(codes.indexOf('K5.1') + 1);
    expect(k51Row.getCell(4).value).toBe(rows[0].acknowledged);
    expect(k51Row.getCell(5).value).toBe(rows[0].received);
    const lines: string[] = [];
    sheet.eachRow((row) => lines.push(row.getCell(2).text));
    expect(lines.some((l) => /Độ trễ đồng bộ lên Cổng DVCQG .*trung bình/.test(l))).toBe(true);
  });
});
