import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadReplica } from '../replica/read-replica';

/** One line of the tracking book (Mẫu 06 sổ theo dõi hồ sơ). */
export interface TrackingBookRow {
  code: string;
  procedureName: string;
  applicantName: string;
  applicantAddress: string | null;
  applicantPhone: string;
  departmentName: string;
  receivedAt: Date;
  originalDueAt: Date | null;
  resultReadyAt: Date | null;
  returnedAt: Date | null;
  note: string | null;
  /** Departments whose liên thông step overran (waits taken out), in step order. */
  lateSteps: string | null;
}

@Injectable()
export class TrackingBookRepository {
  constructor(@Inject(ReadReplica) private readonly reads: ReadReplica) {}

  /** Read-only: the replica inside a request allowed to read it, the primary otherwise. */
  private get dataSource(): DataSource {
    return this.reads.source();
  }

  /**
   * Applications received in [from, to), in reception order, at most `limit` rows (callers ask
   * for one more than they accept, to detect an oversized range). Reads the received_at index.
   */
  async findReceived(
    from: Date,
    to: Date,
    departmentId: string | null,
    limit: number,
  ): Promise<TrackingBookRow[]> {
    return this.dataSource.query(
      `SELECT a.code, p.name AS "procedureName",
              a.applicant_full_name AS "applicantName", a.applicant_address AS "applicantAddress",
              a.applicant_phone AS "applicantPhone", d.name AS "departmentName", a.received_at AS "receivedAt",
              a.original_due_at AS "originalDueAt", a.result_ready_at AS "resultReadyAt",
              a.returned_at AS "returnedAt", a.note,
              (SELECT string_agg(sd.name, '; ' ORDER BY s.seq) FROM application_steps s
               JOIN departments sd ON sd.id = s.to_department_id
               WHERE s.application_id = a.id AND s.outcome = 'late') AS "lateSteps"
       FROM applications a
       JOIN departments d ON d.id = a.department_id
       JOIN procedures p ON p.id = a.procedure_id
       WHERE a.received_at >= $1 AND a.received_at < $2
         AND ($3::uuid IS NULL OR a.department_id = $3::uuid)
       ORDER BY a.received_at, a.id LIMIT $4`,
      [from, to, departmentId, limit],
    );
  }
}
