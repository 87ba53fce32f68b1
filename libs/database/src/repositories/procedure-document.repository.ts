import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DomainError,
  DomainErrorCode,
  type DocumentForm,
  type FieldProblem,
  type RequiredDocument,
} from '@app/domain';
import { DataSource } from 'typeorm';
import type { DbTransaction } from '../security/db-transaction';
import { queryRows } from './postgres';

/** One document a procedure asks for, with its place in the list (1 = first). */
export interface ProcedureDocumentRecord extends RequiredDocument {
  position: number;
}

/** A line of the list as the admin saves it: with `id` an existing document, without a new one. */
export interface ProcedureDocumentInput {
  id?: string;
  name: string;
  form: DocumentForm;
  copies: number;
  active: boolean;
}

const SELECT = `id, position, name, form, copies, active`;

/**
 * The required documents of a procedure code (procedure_documents: not versioned with the
 * procedure; what applications received is kept as a snapshot, so edits never rewrite it).
 */
@Injectable()
export class ProcedureDocumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(procedureCode: string, tx?: DbTransaction): Promise<ProcedureDocumentRecord[]> {
    return queryRows<ProcedureDocumentRecord>(
      tx ?? this.dataSource,
      `SELECT ${SELECT} FROM procedure_documents WHERE procedure_code = $1 ORDER BY position`,
      [procedureCode],
    );
  }

  /**
   * Replaces the list in `tx`: the order given becomes the positions; lines with an id update
   * that document, lines without one add a document; documents left out are removed, unless
   * an application received them (then VALIDATION: keep them, inactive). Writers of one code
   * are serialised by an advisory lock.
   */
  async replace(
    procedureCode: string,
    lines: ProcedureDocumentInput[],
    tx: DbTransaction,
  ): Promise<{ before: ProcedureDocumentRecord[]; after: ProcedureDocumentRecord[] }> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('procedure_documents'), hashtext($1))`, [
      procedureCode,
    ]);
    const before = await this.list(procedureCode, tx);
    const existing = new Map(before.map((d) => [d.id, d]));
    const problems: FieldProblem[] = [];
    const kept = new Set<string>();
    lines.forEach((line, i) => {
      if (line.id === undefined) {
        return;
      }
      if (!existing.has(line.id)) {
        problems.push({
          field: `documents[${i}].id`,
          reason: 'is not a document of this procedure; leave it out to add a document',
        });
      } else if (kept.has(line.id)) {
        problems.push({ field: `documents[${i}].id`, reason: 'is listed twice' });
      }
      kept.add(line.id);
    });
    const removed = before.filter((d) => !kept.has(d.id));
    if (removed.length > 0) {
      const received = await queryRows<{ id: string }>(
        tx,
        `SELECT DISTINCT procedure_document_id AS id FROM application_received_documents
         WHERE procedure_document_id = ANY($1::uuid[])`,
        [removed.map((d) => d.id)],
      );
      for (const { id } of received) {
        problems.push({
          field: 'documents',
          reason: `must keep "${existing.get(id)?.name}" (${id}): applications received it; set active to false instead`,
        });
      }
    }
    if (problems.length > 0) {
      throw new DomainError(
        DomainErrorCode.Validation,
        problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
        problems,
      );
    }
    if (removed.length > 0) {
      await tx.query(`DELETE FROM procedure_documents WHERE id = ANY($1::uuid[])`, [
        removed.map((d) => d.id),
      ]);
    }
    for (const [i, line] of lines.entries()) {
      const values = [line.name, line.form, line.copies, line.active, i + 1];
      if (line.id === undefined) {
        await tx.query(
          `INSERT INTO procedure_documents (procedure_code, name, form, copies, active, position)
           VALUES ($6, $1, $2, $3, $4, $5)`,
          [...values, procedureCode],
        );
      } else {
        await tx.query(
          `UPDATE procedure_documents SET name = $1, form = $2, copies = $3, active = $4, position = $5
           WHERE id = $6`,
          [...values, line.id],
        );
      }
    }
    return { before, after: await this.list(procedureCode, tx) };
  }
}
