import { randomInt } from 'node:crypto';
import { PetitionMailService } from '@app/core';
import { PetitionMailRepository } from '@app/database';
import { Role } from '@app/domain';
import { DataSource } from 'typeorm';
import { JobName, OUTBOX_ROUTES, PetitionEventMessage, PetitionEventType } from '@app/messaging';
import { startSmtpSink } from '../setup/smtp-sink';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, expectError } from './support/drive';

/** The plain text of a quoted-printable UTF-8 body. */
const textOf = (raw: string) =>
  Buffer.from(
    raw.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const HOA = {
  fullName: 'Lê Thị Hoà',
  address: '12 Nguyễn Trãi, phường Đông Thành',
  phone: '0912345678',
  email: 'hoa.pakn@example.vn',
};
const MINH = {
  fullName: 'Phạm Đức Minh',
  address: '3 Lý Thường Kiệt, phường Nam Thành',
  email: 'minh.pakn@example.vn',
};

describe('PAKN: the petitioner is e-mailed at each step that concerns them (outbox, idempotent)', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let desk: string;
  let director: string;

  const intake = (petitioner: Record<string, unknown>, title: string, consentToPublish = true) =>
    t.http.post('/api/v1/petitions').set('authorization', `Bearer ${desk}`).send({
      channel: 'in_person',
      title,
      content: `Tôi là ${String(petitioner.fullName)}, đề nghị Sở xem xét.`,
      petitioner,
      consentToPublish,
    });

  /** Drives one petition through steps; returns its id. */
  const drive = async (
    petitioner: Record<string, unknown>,
    title: string,
    steps: Array<[string, Record<string, unknown>]>,
  ) => {
    const created = await intake(petitioner, title);
    expect(created.status).toBe(201);
    let version = created.body.version as number;
    for (const [action, body] of steps) {
      const res = await t.http
        .post(`/api/v1/petitions/${created.body.code}/${action}`)
        .set('authorization', `Bearer ${director}`)
        .send({ version, ...body });
      expect({ action, status: res.status }).toEqual({ action, status: 200 });
      version = res.body.version;
    }
    return { id: created.body.id as string, code: created.body.code as string, version };
  };

  /** The worker's consumer, called directly on the petition's outbox events, in order. */
  const deliverMails = async (petitionId: string) => {
    // The repository is the worker's (not in the API's context): built on the same pool.
    const mailer = new PetitionMailService(new PetitionMailRepository(t.app.get(DataSource)), {
      ...t.config,
      mail: { ...t.config.mail, smtpUrl: sink.url },
    });
    const { rows } = await t.db.query<{
      id: string;
      type: string;
      payload: PetitionEventMessage['payload'];
    }>(
      `SELECT id, type, payload FROM outbox_events
        WHERE aggregate_type = 'petition' AND aggregate_id = $1 ORDER BY occurred_at, id`,
      [petitionId],
    );
    const outcomes: string[] = [];
    try {
      for (const row of rows) {
        const message = { eventId: row.id, type: row.type, occurredAt: '', payload: row.payload };
        outcomes.push(await mailer.handle(message));
      }
    } finally {
      mailer.onModuleDestroy();
    }
    return outcomes;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({});
    desk = await t.tokenFor(Role.Reception);
    director = await t.tokenFor(Role.Director);
  });

  afterAll(async () => {
    await closeTestApp(t);
    await sink.close();
  });

  it('the relay hands every petition event to the petition mail consumer', () => {
    const route = OUTBOX_ROUTES.find((r) => r.job === JobName.PetitionMailApplyEvent);
    expect([...(route?.types ?? [])].sort()).toEqual(Object.values(PetitionEventType).sort());
  });

  it('an invalid e-mail is refused with a 400 naming the field, and nothing is recorded', async () => {
    const res = await t.http
      .post('/api/v1/public/petitions')
      .set('x-forwarded-for', someAddress())
      .send({
        title: 'Thư sai',
        content: 'Nội dung',
        petitioner: { ...HOA, email: 'không-phải-thư' },
        consentToPublish: false,
      });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect((res.body.details as Array<{ field: string }>).map((d) => d.field)).toContain(
      'petitioner.email',
    );
    expect((await t.db.query(`SELECT 1 FROM petitions WHERE title = 'Thư sai'`)).rows).toEqual([]);
  });

  it('clarification requested, then not accepted with the reason: two e-mails, once each', async () => {
    const p = await drive(HOA, 'Chậm cấp giấy phép', [
      ['request-clarification', { request: 'Đề nghị nêu rõ số hồ sơ và ngày nộp.' }],
      ['refuse', { reason: 'Người gửi không bổ sung thông tin để xác minh.' }],
    ]);
    sink.mails.length = 0;
    expect(await deliverMails(p.id)).toEqual(['sent', 'sent']);
    // A redelivered event (the job retried, the relay re-added it) mails nothing more.
    expect(await deliverMails(p.id)).toEqual(['already_sent', 'already_sent']);
    expect(sink.mails.map((m) => m.subject)).toEqual([
      `[Một cửa] Đề nghị làm rõ nội dung phản ánh, kiến nghị — ${p.code}`,
      `[Một cửa] Phản ánh, kiến nghị không được tiếp nhận xử lý — ${p.code}`,
    ]);
    expect(sink.mails.every((m) => m.to.join() === HOA.email)).toBe(true);
    const [clarify, refused] = sink.mails.map((m) => textOf(m.raw));
    expect(clarify).toContain('Kính gửi ông/bà Lê Thị Hoà,');
    expect(clarify).toContain('Đề nghị nêu rõ số hồ sơ và ngày nộp.');
    expect(refused).toContain('không được tiếp nhận xử lý, vì:');
    expect(refused).toContain('Người gửi không bổ sung thông tin để xác minh.');
    expect(refused).toContain(`Mã phản ánh, kiến nghị: ${p.code}`);
  });

  it('forwarded (with where), answered (with the answer), published: one e-mail per step', async () => {
    const p = await drive(MINH, 'Thủ tục cấp đổi giấy phép lái xe', [
      ['forward', { toBody: 'Sở Giao thông vận tải', note: 'không thuộc thẩm quyền' }],
      ['start', {}],
      ['answer', { answer: 'Sở Giao thông vận tải đã giải quyết hồ sơ ngày 02/12/2026.' }],
      ['publish', {}],
    ]);
    sink.mails.length = 0;
    expect(await deliverMails(p.id)).toEqual(['sent', 'sent', 'sent']);
    expect(sink.mails.map((m) => m.subject)).toEqual([
      `[Một cửa] Phản ánh, kiến nghị đã được chuyển cơ quan có thẩm quyền — ${p.code}`,
      `[Một cửa] Trả lời phản ánh, kiến nghị — ${p.code}`,
      `[Một cửa] Câu trả lời phản ánh, kiến nghị đã được công khai — ${p.code}`,
    ]);
    expect(sink.mails.every((m) => m.to.join() === MINH.email)).toBe(true);
    const [forwarded, answered, published] = sink.mails.map((m) => textOf(m.raw));
    expect(forwarded).toContain('Sở Giao thông vận tải');
    expect(answered).toContain('Sở Giao thông vận tải đã giải quyết hồ sơ ngày 02/12/2026.');
    expect(published).toContain('đã được công khai');
    // No other petitioner's data in anyone's mail.
    for (const text of [forwarded, answered, published]) {
      expect(text).not.toContain(HOA.fullName);
      expect(text).not.toContain(HOA.email);
    }
    const kinds = await t.db.query(
      `SELECT kind FROM petition_mails WHERE petition_id = $1 ORDER BY sent_at, kind`,
      [p.id],
    );
    expect(kinds.rows.map((r) => r.kind).sort()).toEqual(
      [PetitionEventType.Forwarded, PetitionEventType.Answered, PetitionEventType.Published].sort(),
    );
  });

  it('an SMTP failure sends nothing and records nothing; the retry sends it', async () => {
    const p = await drive({ ...HOA, email: 'retry.pakn@example.vn' }, 'Thư bị từ chối', [
      ['refuse', { reason: 'Nội dung không rõ ràng.' }],
    ]);
    sink.mails.length = 0;
    sink.setRejecting(true);
    try {
      await expect(deliverMails(p.id)).rejects.toThrow();
    } finally {
      sink.setRejecting(false);
    }
    expect((await t.db.query(`SELECT 1 FROM petition_mails WHERE petition_id = $1`, [p.id])).rows)
      .toEqual([]);
    expect(await deliverMails(p.id)).toEqual(['sent']);
    expect(sink.mails.map((m) => m.to.join())).toEqual(['retry.pakn@example.vn']);
  });

  it('no e-mail address: the event is kept but nothing is sent; a stale step writes no event', async () => {
    const { email: _none, ...noEmail } = MINH;
    const p = await drive(noEmail, 'Không có thư điện tử', [['refuse', { reason: 'Trùng lặp.' }]]);
    sink.mails.length = 0;
    expect(await deliverMails(p.id)).toEqual(['no_email']);
    expect(sink.mails).toEqual([]);

    const q = await drive(HOA, 'Xung đột phiên bản', []);
    const stale = await t.http
      .post(`/api/v1/petitions/${q.code}/refuse`)
      .set('authorization', `Bearer ${director}`)
      .send({ version: q.version + 5, reason: 'Cũ.' });
    expect(stale.status).toBe(409);
    const events = await t.db.query(`SELECT 1 FROM outbox_events WHERE aggregate_id = $1`, [q.id]);
    expect(events.rows).toEqual([]);
  });
});
