import { randomUUID } from 'node:crypto';
import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  applicantFor,
  APPLICATIONS,
  closeTestApp,
  createDriver,
  Driver,
  expectError,
  postJson,
  unchanged,
} from './support/drive';

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

describe('applications API input validation: intake', () => {
  let t: TestApp;
  let d: Driver;
  let reception: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    reception = await t.tokenFor(Role.Reception);
    admin = await d.adminToken();
  });
  afterAll(() => closeTestApp(t));

  describe('POST /applications', () => {
    const valid = () => ({
      procedureCode: d.procedureCode,
      channel: 'direct',
      applicant: applicantFor(),
    });
    const CASES: Array<{
      label: string;
      body: () => { raw?: string; json?: unknown };
      fields: string[];
      code?: string;
    }> = [
      {
        label: 'an empty object',
        body: () => ({ json: {} }),
        fields: ['procedureCode', 'channel', 'applicant'],
      },
      {
        label: 'an empty applicant',
        body: () => ({ json: { ...valid(), applicant: {} } }),
        fields: ['applicant.fullName', 'applicant.idNumber', 'applicant.phone'],
      },
      {
        label: 'unknown fields, top level and nested',
        body: () => ({
          json: { ...valid(), code: 'X-1', applicant: { ...applicantFor(), age: 30 } },
        }),
        fields: ['code', 'applicant.age'],
      },
      {
        label: 'a number for a string',
        body: () => ({
          json: {
            ...valid(),
            procedureCode: 1.005092,
            applicant: { ...applicantFor(), fullName: 7 },
          },
        }),
        fields: ['procedureCode', 'applicant.fullName'],
      },
      {
        label: "channel 'fax'",
        body: () => ({ json: { ...valid(), channel: 'fax' } }),
        fields: ['channel'],
      },
      {
        label: "status 'processing'",
        body: () => ({ json: { ...valid(), status: 'processing' } }),
        fields: ['status'],
      },
      {
        label: 'a bad phone and id number',
        body: () => ({
          json: { ...valid(), applicant: { ...applicantFor(), phone: '12345', idNumber: 'abc' } },
        }),
        fields: ['applicant.phone', 'applicant.idNumber'],
      },
      {
        label: 'a document with 0 copies and no name',
        body: () => ({
          json: { ...valid(), documents: [{ name: 'Đơn', copies: 1 }, { copies: 0 }] },
        }),
        fields: ['documents[1].name', 'documents[1].copies'],
      },
      {
        label: 'an unknown procedure',
        body: () => ({ json: { ...valid(), procedureCode: '9.999999' } }),
        fields: ['procedureCode'],
      },
      {
        label: 'malformed JSON',
        body: () => ({ raw: '{"procedureCode": ' }),
        fields: ['body'],
        code: 'BAD_REQUEST',
      },
      { label: 'a JSON array', body: () => ({ json: [valid()] }), fields: ['body'] },
      { label: 'JSON null', body: () => ({ raw: 'null' }), fields: ['body'] },
    ];

    it.each(CASES)(
      '$label → 400 naming $fields, nothing stored',
      async ({ body, fields, code = 'VALIDATION_FAILED' }) => {
        const res = await unchanged(t, () => postJson(t, APPLICATIONS, reception, body()));
        expectError(res, 400, code, fields);
      },
    );

    it('names an unknown field with the reason "unknown field"', async () => {
      const res = await postJson(t, APPLICATIONS, reception, {
        json: { ...valid(), priority: 'high' },
      });
      expectError(res, 400, 'VALIDATION_FAILED', ['priority']);
      expect(res.body.details).toEqual([{ field: 'priority', reason: 'unknown field' }]);
    });

    it('a 10 MB body → 413 PAYLOAD_TOO_LARGE, nothing stored', async () => {
      const res = await unchanged(t, () =>
        postJson(t, APPLICATIONS, reception, { json: { ...valid(), note: TEN_MB } }),
      );
      expectError(res, 413, 'PAYLOAD_TOO_LARGE', ['body']);
    });

    it('stores and returns Vietnamese text in NFC', async () => {
      const nfd = 'Nguye\u0302\u0303n Va\u0306n \u0110u\u031bc';
      const nfc = 'Nguyễn Văn Đưc';
      expect(nfd).not.toBe(nfc);
      expect(nfd.normalize('NFC')).toBe(nfc);

      const res = await postJson(t, APPLICATIONS, reception, {
        json: {
          ...valid(),
          applicant: { ...applicantFor(nfd), address: 'Phu\u031bo\u031b\u0300ng 1' },
        },
      });

      expect(res.status).toBe(201);
      expect(res.body.applicant.fullName).toBe(nfc);
      expect(res.body.applicant.address).toBe('Phường 1');
      const stored = await t.db.query(
        'SELECT applicant_full_name AS name, applicant_address AS address FROM applications WHERE id = $1',
        [res.body.id],
      );
      expect(stored.rows[0]).toEqual({ name: nfc, address: 'Phường 1' });
      const read = await t.http
        .get(`${APPLICATIONS}/${res.body.id}`)
        .set('authorization', `Bearer ${admin}`);
      expect(read.body.applicant.fullName).toBe(nfc);
    });
  });

  describe('unknown applications', () => {
    it.each([
      { label: 'an unknown id', id: () => randomUUID() },
      { label: 'an unknown code', id: () => 'KHONGCO-260101-0001' },
    ])('$label → 404 NOT_FOUND', async ({ id }) => {
      const res = await unchanged(t, () =>
        postJson(t, `${APPLICATIONS}/${id()}/start`, admin, { json: { version: 1 } }),
      );
      expectError(res, 404, 'NOT_FOUND');
    });
  });
});
