import { FixedClock } from '@app/core';
import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { applicantFor, closeTestApp, expectError, tableCounts } from './support/drive';

// Mon 4/5/2026 09:00 in Hà Nội: the desk logs dossiers the post office handed over before
// the 30/4 – 1/5 holidays (Thu, Fri) and the weekend.
const NOW = new Date('2026-05-04T02:00:00Z');
const sender = {
  name: 'Lê Thị Thu',
  phone: '0912345678',
  street: 'Số 12 Trần Hưng Đạo',
  commune: 'Phường Đông Thành',
  province: 'Ninh Bình',
};

describe('intake by post: received as of the hand-over record (Decision 45/2016/QĐ-TTg)', () => {
  let t: TestApp;
  let desk: string;
  let admin: string;
  let procedureCode: string;
  let directOnly: string;
  let number = 0;
  const clock = new FixedClock(NOW);

  const body = (overrides: Record<string, unknown> = {}) => ({
    procedureCode,
    applicant: applicantFor('Lê Thị Thu'),
    sender,
    handOver: {
      number: `BBGN-${(number += 1)}`,
      signedAt: '2026-04-29T10:00:00+07:00',
      signedBy: 'Trần Văn Bưu',
    },
    ...overrides,
  });
  const intake = (b: object) =>
    t.http.post('/api/v1/postal/intake').set('authorization', `Bearer ${desk}`).send(b);
  const postalCounts = async () =>
    (
      await t.db.query(
        `SELECT (SELECT count(*)::int FROM postal_shipments) AS shipments,
                (SELECT count(*)::int FROM postal_shipment_events) AS events,
                (SELECT count(*)::int FROM postal_return_requests) AS requests,
                (SELECT count(*)::int FROM postal_tracking_pool WHERE allocated_at IS NOT NULL) AS allocated`,
      )
    ).rows[0];
  const counts = async () => ({ ...(await tableCounts(t)), ...(await postalCounts()) });

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    desk = await t.tokenFor(Role.Reception);
    admin = await t.tokenFor(Role.Admin);
    const department = await t.factory.department();
    procedureCode = (await t.factory.procedure({ departmentId: department.id, timeLimitValue: 5 }))
      .code;
    directOnly = (await t.factory.procedure({ departmentId: department.id })).code;
    await t.db.query(
      `UPDATE procedures SET postal_intake = true, postal_return = true WHERE code = $1`,
      [procedureCode],
    );
    const pool = await t.http
      .post('/api/v1/postal/tracking-pool')
      .set('authorization', `Bearer ${admin}`)
      .send({ service: 'RR', firstSerial: 10_000_000, count: 60 });
    expect(pool.status).toBe(200);
    expect(pool.body).toEqual({ added: 60, alreadyThere: 0, free: 60, allocated: 0 });
  });
  afterAll(() => closeTestApp(t));

  it('starts the appointment at the signature, across the holiday, not at the day it is logged', async () => {
    const res = await intake(body({ acceptedByPostAt: '2026-04-28T15:30:00+07:00' }));
    expect(res.status).toBe(201);
    const { application, shipment } = res.body;
    expect(application).toMatchObject({ channel: 'postal', status: 'received' });
    expect(application.receivedAt).toBe('2026-04-29T03:00:00.000Z');
    // Wed 29/4 is day 0; Thu 30/4 and Fri 1/5 are holidays, 2–3/5 the weekend: day 5 is Fri 8/5.
    expect(application.dueAt).toBe('2026-05-08T10:00:00.000Z');
    const row = (
      await t.db.query(
        `SELECT received_at, due_at, original_due_at FROM applications WHERE id = $1`,
        [application.id],
      )
    ).rows[0];
    // received_at is what K1 facts and K7 count from (kpi-facts.repository reads it).
    expect(row.received_at.toISOString()).toBe('2026-04-29T03:00:00.000Z');
    expect(row.original_due_at.toISOString()).toBe('2026-05-08T10:00:00.000Z');
    expect(shipment).toMatchObject({
      direction: 'inbound',
      status: 'handed_over',
      trackingCode: 'RR100000003VN',
      handOver: {
        number: 'BBGN-1',
        signedAt: '2026-04-29T03:00:00.000Z',
        signedBy: 'Trần Văn Bưu',
      },
      nextStatuses: [],
    });
    expect(shipment.timeline.map((e: { status: string; at: string }) => [e.status, e.at])).toEqual([
      ['accepted_by_post', '2026-04-28T08:30:00.000Z'],
      ['handed_over', '2026-04-29T03:00:00.000Z'],
    ]);

    // The same dossier walked in today: counted from today.
    const walkIn = await t.http
      .post('/api/v1/applications')
      .set('authorization', `Bearer ${desk}`)
      .send({ procedureCode, channel: 'direct', applicant: applicantFor() });
    expect(walkIn.body.dueAt).toBe('2026-05-11T10:00:00.000Z');
  });

  it('a record signed after 15:00 counts from the next working day, after the holiday', async () => {
    const res = await intake(
      body({
        handOver: {
          number: 'BBGN-late',
          signedAt: '2026-04-29T16:00:00+07:00',
          signedBy: 'Trần Văn Bưu',
        },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.application.receivedAt).toBe('2026-04-29T09:00:00.000Z');
    // Day 0 is Mon 4/5 (next working day after the cut-off): day 5 is Mon 11/5.
    expect(res.body.application.dueAt).toBe('2026-05-11T10:00:00.000Z');
  });

  it('names the field of bad input and changes nothing', async () => {
    const cases: Array<[object, string]> = [
      [
        body({ handOver: { number: 'X1', signedAt: '2026-05-04T12:00:00+07:00', signedBy: 'B' } }),
        'handOver.signedAt',
      ],
      [
        body({ handOver: { number: 'X2', signedAt: '2026-04-26T08:00:00+07:00', signedBy: 'B' } }),
        'handOver.signedAt',
      ],
      [
        body({ handOver: { number: 'X3', signedAt: 'hôm qua', signedBy: 'B' } }),
        'handOver.signedAt',
      ],
      [body({ procedureCode: directOnly }), 'procedureCode'],
      [body({ trackingCode: 'RR100000004VN' }), 'trackingCode'],
      [body({ acceptedByPostAt: '2026-04-29T11:00:00+07:00' }), 'acceptedByPostAt'],
      [body({ handOver: undefined }), 'handOver'],
      [body({ sender: { ...sender, phone: '12' } }), 'sender.phone'],
      [
        body({ returnByPost: { receiver: { ...sender, province: '' } } }),
        'returnByPost.receiver.province',
      ],
    ];
    for (const [b, field] of cases) {
      const before = await counts();
      const res = await intake(b);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect((res.body.details as Array<{ field: string }>).map((d) => d.field)).toContain(field);
      expect(await counts()).toEqual(before);
    }
  });

  it('a procedure that does not send results by post refuses the request for one', async () => {
    await t.db.query(`UPDATE procedures SET postal_return = false WHERE code = $1`, [
      procedureCode,
    ]);
    try {
      const res = await intake(body({ returnByPost: { receiver: sender } }));
      expectError(res, 400, 'VALIDATION_FAILED', ['returnByPost']);
    } finally {
      await t.db.query(`UPDATE procedures SET postal_return = true WHERE code = $1`, [
        procedureCode,
      ]);
    }
  });

  it('a hand-over record number or a tracking code used twice is a conflict', async () => {
    const first = await intake(body({ trackingCode: 'RR473124829VN' }));
    expect(first.status).toBe(201);
    const before = await counts();
    const again = await intake({
      ...body(),
      handOver: first.body.shipment.handOver && {
        number: first.body.shipment.handOver.number,
        signedAt: '2026-04-30T09:00:00+07:00',
        signedBy: 'Trần Văn Bưu',
      },
    });
    expectError(again, 409, 'DUPLICATE', ['handOver.number']);
    const sameCode = await intake(body({ trackingCode: 'RR473124829VN' }));
    expectError(sameCode, 409, 'DUPLICATE', ['trackingCode']);
    expect(await counts()).toEqual(before);
  });

  it('hands out 50 codes to 50 concurrent intakes, no code twice; an empty pool is a conflict', async () => {
    const free = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM postal_tracking_pool WHERE allocated_at IS NULL`,
        )
      ).rows[0].n as number;
    const before = await free();
    expect(before).toBeGreaterThanOrEqual(50);
    const answers = await Promise.all(Array.from({ length: 50 }, () => intake(body())));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(201));
    const codes = answers.map((r) => r.body.shipment.trackingCode as string);
    expect(new Set(codes).size).toBe(50);
    expect(await free()).toBe(before - 50);
    const allocated = (
      await t.db.query(
        `SELECT count(*)::int AS n FROM postal_tracking_pool WHERE code = ANY($1) AND allocated_at IS NOT NULL`,
        [codes],
      )
    ).rows[0].n;
    expect(allocated).toBe(50);

    await t.db.query(
      `UPDATE postal_tracking_pool SET allocated_at = now() WHERE allocated_at IS NULL`,
    );
    const snapshot = await counts();
    const empty = await intake(body());
    expectError(empty, 409, 'LIMIT_REACHED', ['trackingCode']);
    expect(empty.body.current).toEqual({ free: 0 });
    expect(await counts()).toEqual(snapshot);
  });

  it('an inbound shipment is final once handed over: another move is a conflict with its state', async () => {
    const { shipment } = (await intake(body({ trackingCode: 'RR000000014VN' }))).body;
    const res = await t.http
      .post(`/api/v1/postal/shipments/${shipment.id}/status`)
      .set('authorization', `Bearer ${desk}`)
      .send({ status: 'in_transit' });
    expectError(res, 409, 'ILLEGAL_TRANSITION', ['status']);
    expect(res.body.current).toMatchObject({ id: shipment.id, status: 'handed_over', version: 1 });
    const listed = await t.http
      .get(`/api/v1/postal/applications/${shipment.applicationCode}/shipments`)
      .set('authorization', `Bearer ${desk}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0].timeline).toHaveLength(1);
  });

  it('a postal dossier registered first is received as of the record given with the receive', async () => {
    const submit = (channel: string) =>
      t.http
        .post('/api/v1/applications')
        .set('authorization', `Bearer ${desk}`)
        .send({ procedureCode, channel, status: 'submitted', applicant: applicantFor() });
    const postal = (await submit('postal')).body;
    const receive = (id: string, version: number, handOverSignedAt: string) =>
      t.http
        .post(`/api/v1/applications/${id}/receive`)
        .set('authorization', `Bearer ${desk}`)
        .send({ version, handOverSignedAt });

    const old = await receive(postal.id, postal.version, '2026-04-20T10:00:00+07:00');
    expectError(old, 400, 'VALIDATION_FAILED', ['handOverSignedAt']);
    const direct = (await submit('direct')).body;
    const notPostal = await receive(direct.id, direct.version, '2026-04-29T10:00:00+07:00');
    expectError(notPostal, 400, 'VALIDATION_FAILED', ['handOverSignedAt']);

    const received = await receive(postal.id, postal.version, '2026-04-29T10:00:00+07:00');
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({
      status: 'received',
      receivedAt: '2026-04-29T03:00:00.000Z',
      dueAt: '2026-05-08T10:00:00.000Z',
    });
  });
});
