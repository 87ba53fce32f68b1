import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationFilesService, OnlineSubmissionService } from '@app/core';
import { OnlineSubmissionRepository } from '@app/database';
import { Role } from '@app/domain';
import { readPdf } from '../../libs/documents/src/testing/read-pdf';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp } from './support/drive';

const binary = (response: unknown, cb: (err: Error | null, body: Buffer) => void) => {
  const res = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The control sheet lists the electronic documents kept with an online application. */
describe('control sheet: uploaded files kept with the application', () => {
  let t: TestApp;
  let files: string;

  beforeAll(async () => {
    files = await mkdtemp(path.join(tmpdir(), 'motcua-control-sheet-files-'));
    t = await startTestApp({ STORAGE_LOCAL_DIR: files });
  });

  afterAll(async () => {
    await closeTestApp(t);
    await rm(files, { recursive: true, force: true });
  });

  it('prints each file with its document, name, type and size', async () => {
    const procedure = await t.factory.procedure({ onlineLevel: 'full' });
    await t.app
      .get(OnlineSubmissionRepository)
      .setProcedureDocuments(procedure.code, ['Đơn đề nghị']);
    const upload = await t.app
      .get(ApplicationFilesService)
      .upload(Buffer.from('%PDF-1.4\nđơn'), 'don-de-nghi.pdf');
    const submitted = await t.app.get(OnlineSubmissionService).submit({
      procedureCode: procedure.code,
      applicant: {
        fullName: 'Lê Thị Hoa',
        idNumber: '001203004567',
        phone: '0912345678',
        email: 'hoa@example.vn',
      },
      files: [{ id: upload.id, uploadToken: upload.uploadToken, documentName: 'Đơn đề nghị' }],
    });
    const res = await t.http
      .get(`/api/v1/applications/${submitted.code}/documents/control-sheet.pdf`)
      .set('authorization', `Bearer ${await t.tokenFor(Role.Director)}`)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const { flat } = await readPdf(res.body as Buffer);
    expect(flat).toContain('Giấy tờ điện tử lưu kèm hồ sơ');
    expect(flat).toContain('Đơn đề nghị');
    expect(flat).toContain('don-de-nghi.pdf');
    expect(flat).toContain('PDF, 1 kB');
  });
});
