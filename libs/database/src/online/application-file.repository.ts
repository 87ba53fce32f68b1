import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../repositories/postgres';

export type FilePurpose = 'submission' | 'supplement';

/** One uploaded document; its bytes are in the FileStore under `sha256`. */
export interface ApplicationFileRecord {
  id: string;
  applicationId: string | null;
  documentName: string | null;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  purpose: FilePurpose | null;
  uploadedAt: Date;
  attachedAt: Date | null;
}

export interface NewUpload {
  id: string;
  uploadTokenHash: string;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

const FILE_SELECT = `id, application_id AS "applicationId", document_name AS "documentName",
  original_name AS "originalName", media_type AS "mediaType", size_bytes AS "sizeBytes",
  sha256, purpose, uploaded_at AS "uploadedAt", attached_at AS "attachedAt"`;

@Injectable()
export class ApplicationFileRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async saveUpload(upload: NewUpload): Promise<ApplicationFileRecord> {
    const rows = await queryRows<ApplicationFileRecord>(
      this.dataSource,
      `INSERT INTO application_files (id, upload_token_hash, original_name, media_type, size_bytes, sha256)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${FILE_SELECT}`,
      [
        upload.id,
        upload.uploadTokenHash,
        upload.originalName,
        upload.mediaType,
        upload.sizeBytes,
        upload.sha256,
      ],
    );
    return rows[0];
  }

  /**
   * Attaches uploads to an application, each only if its upload token matches and it is not
   * attached yet; returns the ids attached (the caller refuses the request if any is missing).
   */
  async attach(
    manager: EntityManager,
    applicationId: string,
    purpose: FilePurpose,
    at: Date,
    files: Array<{ id: string; uploadTokenHash: string; documentName: string }>,
  ): Promise<string[]> {
    if (files.length === 0) {
      return [];
    }
    const rows = await queryRows<{ id: string }>(
      manager,
      `UPDATE application_files f
          SET application_id = $1, purpose = $2, attached_at = $3, document_name = x.document_name
         FROM unnest($4::uuid[], $5::text[], $6::text[]) AS x(id, token_hash, document_name)
        WHERE f.id = x.id AND f.upload_token_hash = x.token_hash AND f.application_id IS NULL
       RETURNING f.id`,
      [
        applicationId,
        purpose,
        at,
        files.map((f) => f.id),
        files.map((f) => f.uploadTokenHash),
        files.map((f) => f.documentName),
      ],
    );
    return rows.map((r) => r.id);
  }

  async listForApplication(applicationId: string): Promise<ApplicationFileRecord[]> {
    return queryRows<ApplicationFileRecord>(
      this.dataSource,
      `SELECT ${FILE_SELECT} FROM application_files WHERE application_id = $1
       ORDER BY attached_at, uploaded_at, id LIMIT 200`,
      [applicationId],
    );
  }

  async findAttached(applicationId: string, fileId: string): Promise<ApplicationFileRecord | null> {
    const rows = await queryRows<ApplicationFileRecord>(
      this.dataSource,
      `SELECT ${FILE_SELECT} FROM application_files WHERE id = $1 AND application_id = $2`,
      [fileId, applicationId],
    );
    return rows[0] ?? null;
  }

  /**
   * Removes uploads never attached to an application (abandoned forms), oldest first, at most
   * `limit`; returns the hashes no remaining row uses, for the caller to delete their bytes.
   */
  async purgeUnattached(before: Date, limit: number): Promise<string[]> {
    const rows = await queryRows<{ sha256: string }>(
      this.dataSource,
      `WITH gone AS (
         DELETE FROM application_files WHERE id IN (
           SELECT id FROM application_files WHERE application_id IS NULL AND uploaded_at < $1
           ORDER BY uploaded_at LIMIT $2)
         RETURNING sha256)
       SELECT DISTINCT g.sha256 FROM gone g
       WHERE NOT EXISTS (SELECT 1 FROM application_files f WHERE f.sha256 = g.sha256)`,
      [before, limit],
    );
    return rows.map((r) => r.sha256);
  }
}
