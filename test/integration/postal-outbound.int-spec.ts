import ExcelJS from 'exceljs';
import {
  ApplicationStatus as S,
  reportingPeriod,
  Role,
  toLocalDate,
  TransitionAction as A,
} from '@app/domain';
import { JobName, QueueName } from '@app/messaging';
import { Queue } from 'bullmq';
import { applicantFor, createDriver, Driver } from '../e2e/support/drive';
import { startSmtpSink } from '../setup/smtp-sink';
import { k7Reference, percent } from '../reference/k7-reference';
import { StubCarrier } from '../setup/stub-carrier';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  dropQueues,
  eventually,
  queueFor,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

interface ShipmentRow {
  id: string;
  trackingCode: string;
  status: string;
  carrierState: string;
  carrierAttempts: number;
  carrierError: string | null;
}

const receiver = {
  name: 'Phạm Minh Đức',
  phone: '0987654321',
  street: 'Số 8 Nguyễn Huệ',
  commune: 'Phường Nam Bình',
  district: 'Thành phố Ninh Bình',
  province: 'Ninh Bình',
};

describe('result by post: shipment, the applicant and the post office told, against a stub carrier', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase;
  let carrier: StubCarrier;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let drive: Driver;
  let desk: string;
  let admin: string;
  let queue: Queue;
  const prefix = testQueuePrefix();

  const shipmentOf = async (applicationId: string): Promise<ShipmentRow | undefined> =>
    (
      await t.db.query<ShipmentRow>(
        `SELECT id, tracking_code AS "trackingCode", status, carrier_state AS "carrierState",
                carrier_attempts AS "carrierAttempts", carrier_error AS "carrierError"
           FROM postal_shipments WHERE application_id = $1 AND direction = 'outbound'`,
        [applicationId],
      )
    ).rows[0];

  /** An application with an e-mail whose applicant chose the result by post, made ready. */
  async function readyForPost(fullName: string) {
    const created = await drive.intake(admin, {
      procedureCode: drive.procedureCode,
      channel: 'direct',
      applicant: { ...applicantFor(fullName), email: 'duc.pham@example.vn' },
    });
    expect(created.status).toBe(201);
    const asked = await t.http
      .put(`/api/v1/postal/applications/${created.body.code}/return-request`)
      .set('authorization', `Bearer ${desk}`)
      .send({ receiver, postageVnd: 32_000 });
    expect(asked.status).toBe(200);
    let app = (await drive.act(A.Start, created.body, admin)).body;
    app = (await drive.act(A.MarkResultReady, app, admin)).body;
    expect(app.status).toBe(S.ResultReady);
    return app;
  }

  beforeAll(async () => {
    carrier = await new StubCarrier().start();
    sink = await startSmtpSink();
    t = await startTestApp();
    drive = await createDriver(t);
    desk = await t.tokenFor(Role.Reception);
    admin = await drive.adminToken();
    await t.db.query(`UPDATE procedures SET postal_return = true WHERE code = $1`, [
      drive.procedureCode,
    ]);
    await t.http
      .post('/api/v1/postal/tracking-pool')
      .set('authorization', `Bearer ${admin}`)
      .send({ service: 'RR', firstSerial: 20_000_000, count: 20 })
      .expect(200);
    worker = await startWorkerOn(t.config.database.url, {
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
      CARRIER_BASE_URL: carrier.url,
      CARRIER_TOKEN: 'khoa-thu-nghiem',
      CARRIER_TIMEOUT_MS: '400',
      CARRIER_CUSTOMER_CODE: 'SGDDT-NB',
    });
    queue = queueFor(prefix, QueueName.Maintenance);
  });
  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
    await sink?.close();
    await carrier?.close();
  });

  it('creates the shipment, mails the applicant, announces it to the carrier; returns it by post once handed over', async () => {
    const app = await readyForPost('Phạm Minh Đức');
    const shipment = await eventually(
      () => shipmentOf(app.id),
      (s) => s?.carrierState === 'acknowledged',
    );
    expect(shipment).toMatchObject({ status: 'created', carrierAttempts: 1 });
    expect(shipment!.trackingCode).toMatch(/^RR2\d{8}VN$/);
    const order = carrier.orders.get(shipment!.trackingCode)!;
    expect(order).toMatchObject({
      MaHoSo: app.code,
      MaKhachHang: 'SGDDT-NB',
      LoaiDichVu: 'KQ_TTHC',
      CuocPhi: 32_000,
      NguoiNhan: {
        HoTen: 'Phạm Minh Đức',
        QuanHuyen: 'Thành phố Ninh Bình',
        TinhThanh: 'Ninh Bình',
      },
    });
    expect(carrier.callsFor(shipment!.trackingCode)[0].authorization).toBe(
      'Bearer khoa-thu-nghiem',
    );
    const mail = await eventually(
      () => Promise.resolve(sink.mails.find((m) => m.subject.includes(app.code))),
      (m) => m !== undefined,
    );
    expect(mail!.to).toEqual(['duc.pham@example.vn']);
    expect(mail!.subject).toBe(`[Một cửa] Kết quả sẽ được gửi qua bưu chính — hồ sơ ${app.code}`);
    expect(mail!.raw).toContain(shipment!.trackingCode);
    const notices = await t.db.query(
      `SELECT addressee FROM postal_notices WHERE application_id = $1 ORDER BY addressee`,
      [app.id],
    );
    expect(notices.rows.map((r) => r.addressee)).toEqual(['citizen', 'post_office']);

    // Returned by post before the post office has it: a conflict naming the delivery channel.
    const early = await drive.act(A.ReturnResult, app, desk, {
      version: app.version,
      deliveryChannel: 'postal',
    });
    expect(early.status).toBe(409);
    expect(early.body.details.map((d: { field: string }) => d.field)).toEqual(['deliveryChannel']);
    expect(early.body.current).toMatchObject({ id: app.id, status: S.ResultReady });

    const backdated = await t.http
      .post(`/api/v1/postal/shipments/${shipment!.id}/hand-over`)
      .set('authorization', `Bearer ${desk}`)
      .send({
        number: 'BBGN-KQ-00',
        signedAt: new Date(Date.now() - 86_400_000).toISOString(),
        signedBy: 'Ngô Văn Phát',
      });
    expect(backdated.status).toBe(400);
    expect(backdated.body.details.map((d: { field: string }) => d.field)).toEqual(['signedAt']);
    const handed = await t.http
      .post(`/api/v1/postal/shipments/${shipment!.id}/hand-over`)
      .set('authorization', `Bearer ${desk}`)
      .send({
        number: 'BBGN-KQ-01',
        signedAt: new Date().toISOString(),
        signedBy: 'Ngô Văn Phát',
        version: 1,
      });
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({
      status: 'handed_to_post',
      handOver: { number: 'BBGN-KQ-01' },
    });

    const returned = await drive.act(A.ReturnResult, app, desk, {
      version: app.version,
      deliveryChannel: 'postal',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: S.ResultReturned });
    const history = await t.db.query(
      `SELECT payload FROM application_history WHERE application_id = $1 AND action = 'return-result'`,
      [app.id],
    );
    expect(history.rows[0].payload).toMatchObject({
      deliveryChannel: 'postal',
      trackingCode: shipment!.trackingCode,
    });

    const delivered = await t.http
      .post(`/api/v1/postal/shipments/${shipment!.id}/status`)
      .set('authorization', `Bearer ${desk}`)
      .send({ status: 'delivered', note: 'Người nhận ký nhận' });
    expect(delivered.status).toBe(200);
    expect(delivered.body.timeline.map((e: { status: string }) => e.status)).toEqual([
      'created',
      'handed_to_post',
      'delivered',
    ]);
    const again = await t.http
      .post(`/api/v1/postal/shipments/${shipment!.id}/status`)
      .set('authorization', `Bearer ${desk}`)
      .send({ status: 'in_transit' });
    expect(again.status).toBe(409);
    expect(again.body.current).toMatchObject({ status: 'delivered', version: 3 });
    // The timeline is append-only in the database too.
    await expect(
      t.db.query(`UPDATE postal_shipment_events SET note = 'x' WHERE shipment_id = $1`, [
        shipment!.id,
      ]),
    ).rejects.toThrow(/append-only/);
  });

  it('collected in person instead: the waiting shipment is cancelled; once with the post office, only by post', async () => {
    const app = await readyForPost('Trịnh Thị Yến');
    const shipment = await eventually(
      () => shipmentOf(app.id),
      (s) => s?.carrierState === 'acknowledged',
    );
    const inPerson = await drive.act(A.ReturnResult, app, desk, {
      version: app.version,
      deliveryChannel: 'direct',
    });
    expect(inPerson.status).toBe(200);
    const after = await t.http
      .get(`/api/v1/postal/shipments/${shipment!.id}`)
      .set('authorization', `Bearer ${desk}`)
      .expect(200);
    expect(after.body).toMatchObject({ status: 'cancelled', version: 2 });
    expect(after.body.timeline.map((e: { status: string }) => e.status)).toEqual([
      'created',
      'cancelled',
    ]);

    const other = await readyForPost('Mai Văn Hùng');
    const sent = await eventually(
      () => shipmentOf(other.id),
      (s) => s?.carrierState === 'acknowledged',
    );
    await t.http
      .post(`/api/v1/postal/shipments/${sent!.id}/hand-over`)
      .set('authorization', `Bearer ${desk}`)
      .send({ number: 'BBGN-KQ-09', signedAt: new Date().toISOString(), signedBy: 'Ngô Văn Phát' })
      .expect(200);
    const wrong = await drive.act(A.ReturnResult, other, desk, {
      version: other.version,
      deliveryChannel: 'direct',
    });
    expect(wrong.status).toBe(409);
    expect(wrong.body.details.map((d: { field: string }) => d.field)).toEqual(['deliveryChannel']);
  });

  it('retries 5xx answers and timeouts with backoff until the carrier acknowledges', async () => {
    carrier.failNext('http500', 'timeout');
    const app = await readyForPost('Vũ Thị Mai');
    const shipment = await eventually(
      () => shipmentOf(app.id),
      (s) => s?.carrierState === 'acknowledged',
      30_000,
    );
    const calls = carrier.callsFor(shipment!.trackingCode).map((c) => c.status);
    expect(calls).toEqual([502, 0, 200]);
    expect(shipment!.carrierAttempts).toBe(3);
    // One e-mail although the job ran three times.
    expect(sink.mails.filter((m) => m.subject.includes(app.code))).toHaveLength(1);
  });

  it('a refusal is not retried: the shipment shows why', async () => {
    carrier.failNext('refuse400');
    const app = await readyForPost('Hoàng Văn Nam');
    const shipment = await eventually(
      () => shipmentOf(app.id),
      (s) => s?.carrierState === 'failed',
    );
    expect(shipment!.carrierError).toContain('Địa chỉ người nhận không hợp lệ');
    const failed = await eventually(
      async () =>
        (await queue.getFailed()).filter(
          (j) =>
            j.name === String(JobName.PostalApplyEvent) && j.data.payload.applicationId === app.id,
        ),
      (jobs) => jobs.length === 1,
    );
    expect(failed[0].attemptsMade).toBe(1);
    expect(carrier.callsFor(shipment!.trackingCode)).toHaveLength(1);
  });

  it('an application without a request for the result by post gets no shipment', async () => {
    const app = await drive.driveTo(S.ResultReady);
    const job = await eventually(
      async () =>
        (await queue.getCompleted()).find(
          (j) =>
            j.name === String(JobName.PostalApplyEvent) && j.data.payload.applicationId === app.id,
        ),
      (j) => j !== undefined,
    );
    expect(job!.returnvalue).toEqual({ outcome: 'not_requested' });
    expect(await shipmentOf(app.id)).toBeUndefined();
  });

  it('K7 and K7.1 in the summary and the monthly workbook equal a plain count from the spec', async () => {
    await t.db.query(`UPDATE procedures SET postal_intake = true WHERE code = $1`, [
      drive.procedureCode,
    ]);
    for (const [i, fullName] of ['Đinh Thị Hạnh', 'Lý Văn Tâm'].entries()) {
      const res = await t.http
        .post('/api/v1/postal/intake')
        .set('authorization', `Bearer ${desk}`)
        .send({
          procedureCode: drive.procedureCode,
          applicant: applicantFor(fullName),
          sender: receiver,
          handOver: {
            number: `BBGN-K7-${i}`,
            signedAt: new Date(Date.now() - 1000).toISOString(),
            signedBy: 'Ngô Văn Phát',
          },
        });
      expect(res.status).toBe(201);
    }
    await drive.driveTo(S.ResultReturned); // returned at the desk, in person
    const rows = async () =>
      (
        await t.db.query(
          `SELECT channel, received_at AS "receivedAt", returned_at AS "returnedAt",
                  result_delivery_channel AS "resultDeliveryChannel" FROM applications`,
        )
      ).rows;
    const director = await t.tokenFor(Role.Director);
    const today = toLocalDate(new Date());
    const figures = async () => {
      const body = (
        await t.http
          .get(`/api/v1/metrics/summary?from=${today}&to=${today}`)
          .set('authorization', `Bearer ${director}`)
          .expect(200)
      ).body as {
        kpis: Array<{ code: string; numerator: number; denominator: number; value: number | null }>;
      };
      const pick = (code: string) => {
        const k = body.kpis.find((x) => x.code === code)!;
        return { numerator: k.numerator, denominator: k.denominator, value: k.value };
      };
      return { k7: pick('K7'), k71: pick('K7.1') };
    };
    const expected = (r: ReturnType<typeof k7Reference>) => ({
      k7: {
        numerator: r.receivedByPost,
        denominator: r.received,
        value: percent(r.receivedByPost, r.received),
      },
      k71: {
        numerator: r.returnedByPost,
        denominator: r.returned,
        value: percent(r.returnedByPost, r.returned),
      },
    });
    const reference = k7Reference(await rows(), today, today);
    // The dataset has both kinds on each side: the shares are neither 0 % nor 100 %.
    expect(reference.receivedByPost).toBe(2);
    expect(reference.returnedByPost).toBe(1);
    expect(reference.returned).toBe(3); // by post once, in person twice
    // The roll-ups follow the events (the worker's KPI consumer): eventually equal.
    await eventually(figures, (f) => JSON.stringify(f) === JSON.stringify(expected(reference)));

    const [year, month] = today.split('-').map(Number);
    const period = reportingPeriod('month', 'calendar', year, month);
    const monthly = k7Reference(await rows(), period.from, period.to);
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
    const cells = (code: string) => {
      const row = sheet.getRow(codes.indexOf(code) + 1);
      return [row.getCell(4).value, row.getCell(5).value];
    };
    expect(cells('K7')).toEqual([monthly.receivedByPost, monthly.received]);
    expect(cells('K7.1')).toEqual([monthly.returnedByPost, monthly.returned]);
  });
});
