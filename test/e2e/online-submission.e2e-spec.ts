import { randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CitizenMailService } from '@app/core';
import { OnlineSubmissionRepository } from '@app/database';
import { Role } from '@app/domain';
import { OutboxEventMessage } from '@app/messaging';
import { startSmtpSink } from '../setup/smtp-sink';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, expectError } from './support/drive';

const PUBLIC = '/api/v1/public';
const MAX = 4096;
const PDF = (text = 'đơn') => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(text)]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(100, 1)]);
/** The plain text of a quoted-printable UTF-8 body. */
const textOf = (raw: string) =>
  Buffer.from(
    raw.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

describe('online submission (level 4): upload, submit, desk inbox, citizen access, e-mails', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let files: string;
  let procedureCode: string;
  let reception: string;

  const upload = (content: Buffer, name = 'don.pdf', type = 'application/pdf') =>
    t.http
      .post(`${PUBLIC}/uploads`)
      .query({ name })
      .set('x-forwarded-for', someAddress())
      .set('content-type', type)
      .send(content);

  const submit = async (overrides: Record<string, unknown> = {}) => {
    const a = await upload(PDF('đơn đề nghị'), 'Đơn đề nghị.pdf');
    const b = await upload(PNG, 'cccd.png', 'image/png');
    expect([a.status, b.status]).toEqual([201, 201]);
    return t.http
      .post(`${PUBLIC}/online-applications`)
      .set('x-forwarded-for', someAddress())
      .send({
        procedureCode,
        applicant: {
          fullName: 'Lê Thị Hoa',
          idNumber: '001203004567',
          phone: '0912345678',
          email: 'hoa@example.vn',
        },
        files: [
          { id: a.body.id, uploadToken: a.body.uploadToken, documentName: 'Đơn đề nghị' },
          { id: b.body.id, uploadToken: b.body.uploadToken, documentName: 'Bản sao CCCD' },
        ],
        ...overrides,
      });
  };

  /** The worker's consumer, called directly on the application's outbox events. */
  const deliverMails = async (applicationId: string) => {
    const mailer = new CitizenMailService(t.app.get(OnlineSubmissionRepository), {
      ...t.config,
      mail: { ...t.config.mail, smtpUrl: sink.url },
    });
    const { rows } = await t.db.query<{
      id: string;
      type: string;
      payload: OutboxEventMessage['payload'];
    }>(
      `SELECT id, type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at, id`,
      [applicationId],
    );
    const outcomes = [];
    for (const row of rows) {
      const message = { eventId: row.id, type: row.type, occurredAt: '', payload: row.payload };
      outcomes.push(await mailer.handle(message));
    }
    mailer.onModuleDestroy();
    return outcomes;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    files = await mkdtemp(join(tmpdir(), 'motcua-online-'));
    t = await startTestApp({
      STORAGE_LOCAL_DIR: files,
      UPLOAD_MAX_BYTES: String(MAX),
      // Each citizen speaks from its own made-up address through the loopback proxy.
      TRUSTED_PROXIES: '127.0.0.1,::1',
    });
    const procedure = await t.factory.procedure({ onlineLevel: 'full' });
    procedureCode = procedure.code;
    await t.db.query(`UPDATE procedures SET fee_vnd = 50000 WHERE id = $1`, [procedure.id]);
    await t.app
      .get(OnlineSubmissionRepository)
      .setProcedureDocuments(procedureCode, ['Đơn đề nghị', 'Bản sao CCCD']);
    reception = await t.tokenFor(Role.Reception);
  });

  afterAll(async () => {
    await closeTestApp(t);
    await sink.close();
    await rm(files, { recursive: true, force: true });
  });

  it('lists the procedures offered online with their fee and documents', async () => {
    const res = await t.http
      .get(`${PUBLIC}/online-procedures`)
      .set('x-forwarded-for', someAddress());
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual(
      expect.objectContaining({
        code: procedureCode,
        feeVnd: 50000,
        onlineLevel: 'full',
        documents: ['Đơn đề nghị', 'Bản sao CCCD'],
      }),
    );
  });

  it('refuses a renamed executable and an oversized file, by their bytes, storing nothing', async () => {
    const exe = await upload(EXE, 'giay-to.pdf', 'application/pdf');
    expectError(exe, 400, 'VALIDATION_FAILED', ['file']);
    const over = Buffer.concat([PDF(), Buffer.alloc(MAX + 1 - PDF().length, 0x20)]);
    expectError(await upload(over), 400, 'VALIDATION_FAILED', ['file']);
    const far = await upload(Buffer.concat([PDF(), Buffer.alloc(MAX * 4, 0x20)]));
    expect(far.status).toBe(413);
    const { rows } = await t.db.query(`SELECT 1 FROM application_files`);
    expect(rows).toHaveLength(0);
    expect(await readdir(files)).toEqual([]);
  });

  it('submits (code 1) with the fee and check deadline, and refuses a missing document', async () => {
    const missing = await submit({ files: [] });
    expectError(missing, 400, 'VALIDATION_FAILED', ['files']);
    const res = await submit();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'submitted',
      portalStatusCode: 1,
      statusLabel: 'Mới đăng ký',
      feeVnd: 50000,
      accessToken: expect.any(String),
    });
    expect(new Date(res.body.checkDueAt).getTime()).toBeGreaterThan(Date.now());
    const { rows } = await t.db.query(
      `SELECT channel, status, received_at FROM applications WHERE code = $1`,
      [res.body.code],
    );
    expect(rows[0]).toEqual({ channel: 'online', status: 'submitted', received_at: null });
  });

  it('never attaches an upload twice nor with a wrong token; the submission is rolled back', async () => {
    const a = await upload(PDF('x'));
    const b = await upload(PNG, 'b.png', 'image/png');
    const before = await t.db.query(`SELECT count(*)::int AS n FROM applications`);
    const wrong = await t.http
      .post(`${PUBLIC}/online-applications`)
      .set('x-forwarded-for', someAddress())
      .send({
        procedureCode,
        applicant: {
          fullName: 'A',
          idNumber: '001203004567',
          phone: '0912345678',
          email: 'a@b.vn',
        },
        files: [
          { id: a.body.id, uploadToken: a.body.uploadToken, documentName: 'Đơn đề nghị' },
          { id: b.body.id, uploadToken: 'not-the-token', documentName: 'Bản sao CCCD' },
        ],
      });
    expectError(wrong, 400, 'VALIDATION_FAILED', ['files[1].id']);
    const after = await t.db.query(`SELECT count(*)::int AS n FROM applications`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('shows the files to the citizen with the token only, never another citizen’s file', async () => {
    const mine = (await submit()).body;
    const theirs = (await submit()).body;
    const view = await t.http
      .get(`${PUBLIC}/online-applications/${mine.code}`)
      .set('x-forwarded-for', someAddress())
      .set('x-citizen-token', mine.accessToken);
    expect(view.status).toBe(200);
    expect(view.body.files.map((f: { documentName: string }) => f.documentName)).toEqual([
      'Đơn đề nghị',
      'Bản sao CCCD',
    ]);
    const fileId = view.body.files[0].id;
    const got = await t.http
      .get(`${PUBLIC}/online-applications/${mine.code}/files/${fileId}`)
      .set('x-forwarded-for', someAddress())
      .set('x-citizen-token', mine.accessToken)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect((got.body as Buffer).equals(PDF('đơn đề nghị'))).toBe(true);
    // Another citizen's token, or my token on their code with my file: not found.
    for (const [code, token] of [
      [mine.code, theirs.accessToken],
      [theirs.code, mine.accessToken],
      [theirs.code, theirs.accessToken],
      [mine.code, undefined],
    ]) {
      const req = t.http
        .get(`${PUBLIC}/online-applications/${code}/files/${fileId}`)
        .set('x-forwarded-for', someAddress());
      const res = token ? await req.set('x-citizen-token', token) : await req;
      expectError(res, 404, 'NOT_FOUND');
    }
  });

  it('the desk sees the inbox, accepts (code 2, clock starts) or refuses (code 3); citizens are mailed', async () => {
    const accepted = (await submit()).body;
    const refused = (await submit()).body;
    const inbox = await t.http
      .get('/api/v1/online-inbox')
      .set('authorization', `Bearer ${reception}`);
    expect(inbox.status).toBe(200);
    const item = inbox.body.find((i: { code: string }) => i.code === accepted.code);
    expect(item).toMatchObject({ fileCount: 2, checkOverdue: false, version: 1 });

    const ok = await t.http
      .post(`/api/v1/applications/${item.id}/receive`)
      .set('authorization', `Bearer ${reception}`)
      .send({ version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'received', portalStatusCode: 2 });
    expect(ok.body.receivedAt).not.toBeNull();
    expect(ok.body.dueAt).not.toBeNull();

    const other = inbox.body.find((i: { code: string }) => i.code === refused.code);
    const no = await t.http
      .post(`/api/v1/applications/${other.id}/refuse`)
      .set('authorization', `Bearer ${reception}`)
      .send({ version: 1, reasons: ['Giấy tờ không đọc được'] });
    expect(no.status).toBe(200);
    expect(no.body).toMatchObject({ status: 'not_accepted', portalStatusCode: 3 });

    const after = await t.http
      .get('/api/v1/online-inbox')
      .set('authorization', `Bearer ${reception}`);
    const codes = after.body.map((i: { code: string }) => i.code);
    expect(codes).not.toContain(accepted.code);
    expect(codes).not.toContain(refused.code);

    // Staff read the files with the application; the officer of another department cannot.
    const staffFiles = await t.http
      .get(`/api/v1/applications/${item.id}/files`)
      .set('authorization', `Bearer ${reception}`);
    expect(staffFiles.body).toHaveLength(2);
    const stranger = await t.tokenFor(Role.Officer, (await t.factory.department()).id);
    const denied = await t.http
      .get(`/api/v1/applications/${item.id}/files/${staffFiles.body[0].id}`)
      .set('authorization', `Bearer ${stranger}`);
    expect(denied.status).toBe(403);

    sink.mails.length = 0;
    expect(await deliverMails(item.id)).toEqual(['sent', 'sent']);
    expect(await deliverMails(item.id)).toEqual(['already_sent', 'already_sent']);
    expect(await deliverMails(other.id)).toEqual(['sent', 'sent']);
    const subjects = sink.mails.map((m) => m.subject);
    expect(subjects).toEqual([
      `[Một cửa] Đã nhận hồ sơ nộp trực tuyến — hồ sơ ${accepted.code}`,
      `[Một cửa] Hồ sơ được tiếp nhận — hồ sơ ${accepted.code}`,
      `[Một cửa] Đã nhận hồ sơ nộp trực tuyến — hồ sơ ${refused.code}`,
      `[Một cửa] Hồ sơ không được tiếp nhận — hồ sơ ${refused.code}`,
    ]);
    expect(textOf(sink.mails[3].raw)).toContain('Giấy tờ không đọc được');
    expect(sink.mails.every((m) => m.to[0] === 'hoa@example.vn')).toBe(true);
  });

  it('mails a relay batch in one pass: each applicant in event order, a refused one retried alone', async () => {
    const applicant = (email: string) => ({
      fullName: 'Lê Thị Hoa',
      idNumber: '001203004567',
      phone: '0912345678',
      email,
    });
    const [first, second, refused] = await Promise.all(
      ['mot@example.vn', 'hai@example.vn', 'ba@example.vn'].map(async (email) => {
        const res = await submit({ applicant: applicant(email) });
        expect(res.status).toBe(201);
        const code = (res.body as { code: string }).code;
        const { rows } = await t.db.query<{ id: string }>(
          `SELECT id FROM applications WHERE code = $1`,
          [code],
        );
        return { id: rows[0].id, code };
      }),
    );
    const received = await t.http
      .post(`/api/v1/applications/${first.id}/receive`)
      .set('authorization', `Bearer ${reception}`)
      .send({ version: 1 });
    expect(received.status).toBe(200);

    const { rows } = await t.db.query<{
      id: string;
      type: string;
      payload: OutboxEventMessage['payload'];
    }>(
      `SELECT id, type, payload FROM outbox_events WHERE aggregate_id = ANY($1::uuid[])
        ORDER BY occurred_at, id`,
      [[first.id, second.id, refused.id]],
    );
    const batch: OutboxEventMessage[] = rows.map((row) => ({
      eventId: row.id,
      type: row.type,
      occurredAt: '',
      payload: row.payload,
    }));
    expect(batch.map((m) => m.type).sort()).toEqual([
      'application.received',
      'application.submitted',
      'application.submitted',
      'application.submitted',
    ]);
    // A repeat of one event in the same batch, and an event of a desk application.
    const desk = {
      ...batch[0],
      eventId: randomUUID(),
      payload: { ...batch[0].payload, channel: 'direct' },
    };
    const messages = [...batch, batch[1], desk];

    const mailer = new CitizenMailService(t.app.get(OnlineSubmissionRepository), {
      ...t.config,
      mail: { ...t.config.mail, smtpUrl: sink.url },
    });
    try {
      sink.mails.length = 0;
      sink.setRejected(['ba@example.vn']);
      await expect(mailer.handleBatch(messages)).rejects.toThrow(
        /^1 of 4 citizen mail\(s\) not sent \(retried\): .*mailbox unavailable/,
      );
      // Everyone else was mailed, the first applicant in event order.
      expect(sink.mails.map((m) => [m.to[0], m.subject.split(' — ')[0]])).toEqual(
        expect.arrayContaining([['hai@example.vn', '[Một cửa] Đã nhận hồ sơ nộp trực tuyến']]),
      );
      expect(sink.mails.filter((m) => m.to[0] === 'mot@example.vn').map((m) => m.subject)).toEqual([
        `[Một cửa] Đã nhận hồ sơ nộp trực tuyến — hồ sơ ${first.code}`,
        `[Một cửa] Hồ sơ được tiếp nhận — hồ sơ ${first.code}`,
      ]);
      expect(sink.mails).toHaveLength(3);

      // The job's retry sends only what was not recorded.
      sink.setRejected([]);
      const retried = await mailer.handleBatch(messages);
      expect(sink.mails).toHaveLength(4);
      expect(sink.mails[3].to).toEqual(['ba@example.vn']);
      expect(sink.mails[3].subject).toContain(refused.code);
      const outcome = (id: string) => retried[messages.findIndex((m) => m.eventId === id)];
      const refusedEvent = batch.find((m) => m.payload.applicationId === refused.id)!;
      expect(outcome(refusedEvent.eventId)).toBe('sent');
      expect(retried.filter((o) => o === 'already_sent')).toHaveLength(4); // 3 + the repeat
      expect(retried[retried.length - 1]).toBe('not_online');

      expect(await mailer.handleBatch(messages)).toEqual([
        ...batch.map(() => 'already_sent'),
        'already_sent',
        'not_online',
      ]);
      expect(sink.mails).toHaveLength(4);
    } finally {
      sink.setRejected([]);
      mailer.onModuleDestroy();
    }
  });

  it('flags a submission not checked by its deadline', async () => {
    const late = (await submit()).body;
    await t.db.query(
      `UPDATE applications SET online_check_due_at = now() - interval '1 hour' WHERE code = $1`,
      [late.code],
    );
    const inbox = await t.http
      .get('/api/v1/online-inbox')
      .set('authorization', `Bearer ${reception}`);
    expect(inbox.body.find((i: { code: string }) => i.code === late.code)).toMatchObject({
      checkOverdue: true,
    });
  });

  it('lets the citizen upload the requested supplement online, only while one is requested', async () => {
    const sub = (await submit()).body;
    const { rows } = await t.db.query<{ id: string; department_id: string }>(
      `SELECT id, department_id FROM applications WHERE code = $1`,
      [sub.code],
    );
    const officer = await t.tokenFor(Role.Officer, rows[0].department_id);
    const extra = await upload(PDF('bổ sung'), 'bo-sung.pdf');
    const early = await t.http
      .post(`${PUBLIC}/online-applications/${sub.code}/supplement`)
      .set('x-forwarded-for', someAddress())
      .set('x-citizen-token', sub.accessToken)
      .send({
        files: [
          {
            id: extra.body.id,
            uploadToken: extra.body.uploadToken,
            documentName: 'Bản sao học bạ',
          },
        ],
      });
    expectError(early, 409, 'ILLEGAL_TRANSITION');

    let version = 1;
    for (const [action, token, body] of [
      ['receive', reception, {}],
      ['start', officer, {}],
      ['request-supplement', officer, { items: ['Bản sao học bạ'], reason: 'Thiếu học bạ' }],
    ] as const) {
      const res = await t.http
        .post(`/api/v1/applications/${rows[0].id}/${action}`)
        .set('authorization', `Bearer ${token}`)
        .send({ version, ...body });
      expect(res.status).toBe(200);
      version = res.body.version;
    }
    const done = await t.http
      .post(`${PUBLIC}/online-applications/${sub.code}/supplement`)
      .set('x-forwarded-for', someAddress())
      .set('x-citizen-token', sub.accessToken)
      .send({
        files: [
          {
            id: extra.body.id,
            uploadToken: extra.body.uploadToken,
            documentName: 'Bản sao học bạ',
          },
        ],
      });
    expect(done.status).toBe(201);
    expect(done.body.files).toHaveLength(3);
    expect(done.body.files[2]).toMatchObject({
      documentName: 'Bản sao học bạ',
      purpose: 'supplement',
    });
    sink.mails.length = 0;
    await deliverMails(rows[0].id);
    const supplementMail = sink.mails.find((m) => m.subject.includes('Yêu cầu bổ sung'));
    expect(textOf(supplementMail?.raw ?? '')).toContain('Bản sao học bạ');
  });
});
