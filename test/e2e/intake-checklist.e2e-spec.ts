import { IntakeService, type ApplicationView } from '@app/core';
import { ApplicationRepository } from '@app/database';
import {
  Actor,
  ApplicationStatus as S,
  Channel,
  DomainError,
  DocumentForm,
  Role,
} from '@app/domain';
import type { Response } from 'supertest';
import { readPdf } from '../../libs/documents/src/testing/read-pdf';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  APPLICATIONS,
  applicantFor,
  closeTestApp,
  createDriver,
  Driver,
  expectError,
  unchanged,
} from './support/drive';

function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

interface Doc {
  id: string;
  position: number;
  name: string;
  form: 'original' | 'copy';
  copies: number;
  active: boolean;
}

const LIST = [
  { name: 'Đơn đề nghị cấp bản sao văn bằng', form: 'original', copies: 1, active: true },
  { name: 'Bản sao giấy khai sinh', form: 'copy', copies: 1, active: true },
  { name: 'Ảnh 3x4', form: 'copy', copies: 2, active: true },
  { name: 'Giấy xác nhận cũ', form: 'original', copies: 1, active: false },
];

/**
 * Intake by checklist (issue 10 item 5): the procedure's required documents, edited by the
 * admin (audited), checked at the desk, recorded per application and printed on the receipt.
 */
describe('intake by checklist', () => {
  let t: TestApp;
  let d: Driver;
  let desk: string;
  let admin: string;
  let docs: Doc[];
  let foreignDocId: string;

  const putDocuments = (code: string, token: string, documents: unknown) =>
    t.http
      .put(`/api/v1/procedures/${code}/documents`)
      .set('authorization', `Bearer ${token}`)
      .send({ documents });

  const intake = (checklist: unknown, extra: object = {}) =>
    d.intake(desk, {
      procedureCode: d.procedureCode,
      channel: 'direct',
      applicant: applicantFor('Phạm Thị Lan'),
      checklist,
      ...extra,
    });

  const full = () => [
    { documentId: docs[0].id, form: 'original', copies: 1 },
    { documentId: docs[2].id, form: 'copy', copies: 2 },
    { documentId: docs[1].id, form: 'original', copies: 1 },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    desk = await t.tokenFor(Role.Reception);
    admin = await t.tokenFor(Role.Admin);
    const saved = await putDocuments(d.procedureCode, admin, LIST).expect(200);
    docs = saved.body as Doc[];
    const other = await t.factory.procedure({ departmentId: d.departmentId });
    const otherDocs = await putDocuments(other.code, admin, [LIST[0]]).expect(200);
    foreignDocId = (otherDocs.body as Doc[])[0].id;
  });
  afterAll(() => closeTestApp(t));

  it('admin saves the list in order, readable by the desk, recorded in the audit log', async () => {
    expect(docs.map((x) => [x.position, x.name, x.form, x.copies, x.active])).toEqual([
      [1, 'Đơn đề nghị cấp bản sao văn bằng', 'original', 1, true],
      [2, 'Bản sao giấy khai sinh', 'copy', 1, true],
      [3, 'Ảnh 3x4', 'copy', 2, true],
      [4, 'Giấy xác nhận cũ', 'original', 1, false],
    ]);
    const read = await t.http
      .get(`/api/v1/procedures/${d.procedureCode}/documents`)
      .set('authorization', `Bearer ${desk}`)
      .expect(200);
    expect(read.body).toEqual(docs);
    const { rows } = await t.db.query<{ details: { after: Array<{ name: string }> } }>(
      `SELECT details FROM security_audit_log
       WHERE event = 'procedure.documents.changed' AND subject = $1`,
      [`procedure:${d.procedureCode}`],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].details.after.map((x) => x.name)).toEqual(LIST.map((x) => x.name));
  });

  it('refuses a bad list naming the field, changing nothing', async () => {
    const audits = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM security_audit_log`)).rows[0].n as number;
    const before = await audits();
    const current = docs.map(({ id, name, form, copies, active }) => ({
      id,
      name,
      form,
      copies,
      active,
    }));
    const cases: Array<[unknown, string]> = [
      [[{ ...current[0], copies: 0 }, ...current.slice(1)], 'documents[0].copies'],
      [[{ ...current[0], copies: 100 }, ...current.slice(1)], 'documents[0].copies'],
      [[{ ...current[0], form: 'scan' }, ...current.slice(1)], 'documents[0].form'],
      [
        [...current, { name: ' bản sao  GIẤY khai sinh ', form: 'copy', copies: 1, active: true }],
        'documents[4].name',
      ],
      [[{ ...current[0], id: foreignDocId }, ...current.slice(1)], 'documents[0].id'],
      [[{ ...current[0], name: '   ' }, ...current.slice(1)], 'documents[0].name'],
    ];
    for (const [body, field] of cases) {
      expectError(await putDocuments(d.procedureCode, admin, body), 400, 'VALIDATION_FAILED', [
        field,
      ]);
    }
    expectError(await putDocuments(d.procedureCode, desk, current), 403, 'FORBIDDEN');
    expectError(await putDocuments('9.999999', admin, current), 404, 'NOT_FOUND');
    expect(await audits()).toBe(before);
    const read = await t.http
      .get(`/api/v1/procedures/${d.procedureCode}/documents`)
      .set('authorization', `Bearer ${desk}`);
    expect(read.body).toEqual(docs);
  });

  it('records the checked documents in the procedure order and prints them on the receipt', async () => {
    const res = await intake(full());
    expect(res.status).toBe(201);
    const app = res.body as ApplicationView;
    const expected = [
      { procedureDocumentId: docs[0].id, name: LIST[0].name, form: 'original', copies: 1 },
      { procedureDocumentId: docs[1].id, name: LIST[1].name, form: 'original', copies: 1 },
      { procedureDocumentId: docs[2].id, name: LIST[2].name, form: 'copy', copies: 2 },
    ];
    expect(app.status).toBe(S.Received);
    expect(app.receivedDocuments).toEqual(expected);
    const { rows } = await t.db.query(
      `SELECT position, name, form, copies FROM application_received_documents
       WHERE application_id = $1 ORDER BY position`,
      [app.id],
    );
    expect(rows).toEqual([
      { position: 1, name: LIST[0].name, form: 'original', copies: 1 },
      { position: 2, name: LIST[1].name, form: 'original', copies: 1 },
      { position: 3, name: LIST[2].name, form: 'copy', copies: 2 },
    ]);
    const got = await t.http
      .get(`${APPLICATIONS}/${app.id}`)
      .set('authorization', `Bearer ${desk}`)
      .expect(200);
    expect(got.body.receivedDocuments).toEqual(expected);

    const pdf = await t.http
      .get(`${APPLICATIONS}/${app.code}/documents/receipt.pdf`)
      .set('authorization', `Bearer ${desk}`)
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    const text = (await readPdf(pdf.body as Buffer)).flat;
    expect(text).toContain('1. Thành phần hồ sơ nộp gồm:');
    expect(text).toContain('1.1. Đơn đề nghị cấp bản sao văn bằng (01 bản chính)');
    expect(text).toContain('1.2. Bản sao giấy khai sinh (01 bản chính)');
    expect(text).toContain('1.3. Ảnh 3x4 (02 bản sao)');
    expect(text).not.toContain('Giấy xác nhận cũ');
    expect(text).toContain('2. Số lượng hồ sơ: 01 bộ');
  });

  it('refuses a foreign, inactive or repeated document and bad copies, naming the line', async () => {
    const cases: Array<[unknown, string]> = [
      [
        [{ documentId: foreignDocId, form: 'copy', copies: 1 }, ...full()],
        'checklist[0].documentId',
      ],
      [
        [...full(), { documentId: docs[3].id, form: 'original', copies: 1 }],
        'checklist[3].documentId',
      ],
      [[...full(), { documentId: docs[0].id, form: 'copy', copies: 1 }], 'checklist[3].documentId'],
      [[{ ...full()[0], copies: 0 }, ...full().slice(1)], 'checklist[0].copies'],
      [[{ ...full()[0], copies: 100 }, ...full().slice(1)], 'checklist[0].copies'],
      [[{ ...full()[0], form: 'photocopy' }, ...full().slice(1)], 'checklist[0].form'],
      [[{ ...full()[0], documentId: 'not-an-id' }, ...full().slice(1)], 'checklist[0].documentId'],
    ];
    for (const [checklist, field] of cases) {
      const res = await unchanged(t, () => intake(checklist));
      expectError(res, 400, 'VALIDATION_FAILED', [field]);
    }
  });

  it('will not receive an incomplete dossier: it follows the incomplete-at-desk path (Mẫu 02)', async () => {
    const short = full().slice(0, 2); // no birth certificate
    expectError(await unchanged(t, () => intake(short)), 400, 'VALIDATION_FAILED', ['checklist']);

    const res = await intake(short, {
      status: S.IncompleteAtDesk,
      missingItems: [LIST[1].name],
      guidanceReason: 'Hồ sơ chưa đủ thành phần theo quy định của thủ tục.',
    });
    expect(res.status).toBe(201);
    const app = res.body as ApplicationView;
    expect(app).toMatchObject({ status: S.IncompleteAtDesk, receivedAt: null });
    const pdf = await t.http
      .get(`${APPLICATIONS}/${app.code}/documents/supplement-request.pdf`)
      .set('authorization', `Bearer ${desk}`)
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    expect((await readPdf(pdf.body as Buffer)).flat).toContain(`1. ${LIST[1].name}`);
  });

  it('keeps a received document: it can be set aside, not removed; then the desk no longer asks for it', async () => {
    const kept = docs.map(({ id, name, form, copies, active }) => ({
      id,
      name,
      form,
      copies,
      active,
    }));
    const withoutPhoto = kept.filter((x) => x.id !== docs[2].id);
    expectError(
      await putDocuments(d.procedureCode, admin, withoutPhoto),
      400,
      'VALIDATION_FAILED',
      ['documents'],
    );
    // Set aside, and reordered: the photo first, a new document added last.
    const saved = await putDocuments(d.procedureCode, admin, [
      { ...kept[2], active: false },
      kept[0],
      kept[1],
      kept[3],
      { name: 'Giấy ủy quyền', form: 'original', copies: 1, active: false },
    ]).expect(200);
    expect((saved.body as Doc[]).map((x) => [x.position, x.name, x.active])).toEqual([
      [1, 'Ảnh 3x4', false],
      [2, LIST[0].name, true],
      [3, LIST[1].name, true],
      [4, LIST[3].name, false],
      [5, 'Giấy ủy quyền', false],
    ]);
    // The unreceived document removed: allowed.
    const trimmed = (saved.body as Doc[])
      .filter((x) => x.name !== 'Giấy ủy quyền')
      .map(({ id, name, form, copies, active }) => ({ id, name, form, copies, active }));
    await putDocuments(d.procedureCode, admin, trimmed).expect(200);

    const res = await intake(full().filter((x) => x.documentId !== docs[2].id));
    expect(res.status).toBe(201);
    expect((res.body as ApplicationView).receivedDocuments?.map((x) => x.name)).toEqual([
      LIST[0].name,
      LIST[1].name,
    ]);
  });

  it('answers 400, not 500, when a checked document is removed between check and insert', async () => {
    const procedure = await t.factory.procedure({ departmentId: d.departmentId });
    const [gone] = (
      await putDocuments(procedure.code, admin, [
        { name: 'Đơn đề nghị', form: 'original', copies: 1, active: true },
      ]).expect(200)
    ).body as Doc[];
    const { id } = (
      await t.db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' LIMIT 1`)
    ).rows[0];
    const admin_: Actor = { id, role: Role.Admin, departmentId: null };
    const prepared = await t.app.get(IntakeService).prepare(
      {
        procedureCode: procedure.code,
        channel: Channel.Direct,
        applicant: applicantFor(),
        checklist: [{ documentId: gone.id, form: DocumentForm.Original, copies: 1 }],
      },
      admin_,
    );
    // The admin removes it meanwhile (nothing received it yet, so that is allowed).
    await putDocuments(procedure.code, admin, []).expect(200);
    const error = await t.app
      .get(ApplicationRepository)
      .insert(prepared)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details.map((x) => x.field)).toEqual(['checklist']);
  });

  it('leaves procedures without a list to free-text documents', async () => {
    const res = await d.intake(desk, {
      procedureCode: (await t.factory.procedure({ departmentId: d.departmentId })).code,
      channel: 'direct',
      applicant: applicantFor(),
      documents: [{ name: 'Đơn đề nghị', copies: 1 }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ documents: [{ name: 'Đơn đề nghị', copies: 1 }] });
  });
});
