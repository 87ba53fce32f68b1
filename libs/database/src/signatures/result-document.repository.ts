import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../repositories/postgres';

export type ResultDocumentSource = 'signed_here' | 'uploaded';

/** One stored result of an application (bytes in the FileStore), with its verification. */
export interface ResultDocumentRecord {
  id: string;
  applicationId: string;
  sha256: string;
  sizeBytes: number;
  source: ResultDocumentSource;
  resultNumber: string | null;
  createdBy: string;
  createdAt: Date;
  verified: boolean;
  verification: Record<string, unknown>;
}

export type NewResultDocument = Omit<ResultDocumentRecord, never>;

const SELECT = `id, application_id AS "applicationId", sha256, size_bytes AS "sizeBytes", source,
  result_number AS "resultNumber", created_by AS "createdBy", created_at AS "createdAt", verified,
  verification`;

@Injectable()
export class ResultDocumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(doc: NewResultDocument): Promise<ResultDocumentRecord> {
    const rows = await queryRows<ResultDocumentRecord>(
      this.dataSource,
      `INSERT INTO result_documents (id, application_id, sha256, size_bytes, source, result_number,
         created_by, created_at, verified, verification)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb) RETURNING ${SELECT}`,
      [
        doc.id,
        doc.applicationId,
        doc.sha256,
        doc.sizeBytes,
        doc.source,
        doc.resultNumber,
        doc.createdBy,
        doc.createdAt,
        doc.verified,
        JSON.stringify(doc.verification),
      ],
    );
    return rows[0];
  }

  /** The application's result: its latest stored document. */
  async latest(applicationId: string): Promise<ResultDocumentRecord | null> {
    const rows = await queryRows<ResultDocumentRecord>(
      this.dataSource,
      `SELECT ${SELECT} FROM result_documents WHERE application_id = $1
       ORDER BY created_at DESC, id DESC LIMIT 1`,
      [applicationId],
    );
    return rows[0] ?? null;
  }

  async requiresSignedResult(procedureCode: string): Promise<boolean> {
    const rows = await queryRows<{ required: boolean }>(
      this.dataSource,
      `SELECT requires_signed_result AS required FROM procedure_result_signing WHERE procedure_code = $1`,
      [procedureCode],
    );
    return rows[0]?.required ?? false;
  }

  async procedureExists(procedureCode: string): Promise<boolean> {
    const rows = await queryRows<{ one: number }>(
      this.dataSource,
      `SELECT 1 AS one FROM procedures WHERE code = $1 LIMIT 1`,
      [procedureCode],
    );
    return rows.length > 0;
  }

  async setRequiresSignedResult(
    procedureCode: string,
    required: boolean,
    by: string,
    at: Date,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO procedure_result_signing (procedure_code, requires_signed_result, updated_by, updated_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (procedure_code) DO UPDATE
         SET requires_signed_result = EXCLUDED.requires_signed_result,
             updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [procedureCode, required, by, at],
    );
  }
}
