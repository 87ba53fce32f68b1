import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Actor, assertCanSeeApplication, checkFileContent, DomainError } from '@app/domain';
import {
  ApplicationFileRecord,
  ApplicationFileRepository,
  ApplicationRepository,
} from '@app/database';
import { FileStore } from '@app/storage';
import { placeOf } from '../applications/application.view';
import { newCitizenSecret } from './citizen-token';

export interface FileView {
  id: string;
  documentName: string | null;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  purpose: string | null;
  uploadedAt: string;
}

export interface UploadView extends FileView {
  /** Shown once: presenting it with the id attaches the upload to a submission. */
  uploadToken: string;
}

export interface FileContent {
  file: FileView;
  content: Buffer;
}

export function toFileView(f: ApplicationFileRecord): FileView {
  return {
    id: f.id,
    documentName: f.documentName,
    originalName: f.originalName,
    mediaType: f.mediaType,
    sizeBytes: f.sizeBytes,
    purpose: f.purpose,
    uploadedAt: new Date(f.uploadedAt).toISOString(),
  };
}

/** Keeps a file name printable and short; it is only ever shown, never used as a path. */
function cleanName(name: string | undefined): string {
  const cleaned = (name ?? '')
    // Control characters and path separators: the name is shown, never used as a path.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\]/g, '_')
    .trim()
    .slice(0, 200);
  return cleaned.length > 0 ? cleaned : 'tai-lieu';
}

/** Uploads (checked by their bytes) and the reading of attached files, access checked. */
@Injectable()
export class ApplicationFilesService {
  constructor(
    @Inject(ApplicationFileRepository) private readonly files: ApplicationFileRepository,
    @Inject(ApplicationRepository) private readonly applications: ApplicationRepository,
    @Inject(FileStore) private readonly store: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(content: Buffer, originalName: string | undefined): Promise<UploadView> {
    const check = checkFileContent(content, this.config.storage);
    if (!check.ok) {
      throw DomainError.validation('file', check.reason);
    }
    const stored = await this.store.put(content);
    const token = newCitizenSecret();
    const record = await this.files.saveUpload({
      id: randomUUID(),
      uploadTokenHash: token.hash,
      originalName: cleanName(originalName),
      mediaType: check.mediaType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
    });
    return { ...toFileView(record), uploadToken: token.secret };
  }

  async listForStaff(idOrCode: string, viewer: Actor): Promise<FileView[]> {
    const record = await this.applications.findByIdOrCode(idOrCode);
    if (!record) {
      throw DomainError.notFound('application', idOrCode);
    }
    assertCanSeeApplication(viewer, placeOf(record));
    return (await this.files.listForApplication(record.id)).map(toFileView);
  }

  async readForStaff(idOrCode: string, fileId: string, viewer: Actor): Promise<FileContent> {
    const record = await this.applications.findByIdOrCode(idOrCode);
    if (!record) {
      throw DomainError.notFound('application', idOrCode);
    }
    assertCanSeeApplication(viewer, placeOf(record));
    return this.read(record.id, fileId);
  }

  listAttached(applicationId: string): Promise<ApplicationFileRecord[]> {
    return this.files.listForApplication(applicationId);
  }

  /** The bytes of a file attached to this application; any other file id is "not found". */
  async read(applicationId: string, fileId: string): Promise<FileContent> {
    const file = await this.files.findAttached(applicationId, fileId);
    const content = file ? await this.store.get(file.sha256) : null;
    if (!file || !content) {
      throw DomainError.notFound('file', fileId);
    }
    return { file: toFileView(file), content };
  }
}
