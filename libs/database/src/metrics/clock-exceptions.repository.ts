import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadReplica } from '../replica/read-replica';
import { queryRows } from '../repositories/postgres';

/** Departures from the clock rules in a period, per lead department × procedure code. */
export interface ClockExceptionCounts {
  departmentId: string;
  procedureCode: string;
  /** Apologies issued in the period less than one working day before the date they were about. */
  untimelyApologies: number;
  /** Supplement requests made in the period after their window or the due date (head's override). */
  lateSupplementRequests: number;
}

/**
 * Counted from the source rows by the time of the act (issued_at, requested_at) through their
 * own indexes: both are rare, and an inspector wants the figure of the acts as they stand.
 */
@Injectable()
export class ClockExceptionsRepository {
  constructor(@Inject(ReadReplica) private readonly reads: ReadReplica) {}

  /** Read-only: the replica inside a request allowed to read it, the primary otherwise. */
  private get dataSource(): DataSource {
    return this.reads.source();
  }

  countIn(start: Date, end: Date, departmentId: string | null): Promise<ClockExceptionCounts[]> {
    return queryRows<ClockExceptionCounts>(
      this.dataSource,
      `SELECT a.department_id AS "departmentId", a.procedure_code AS "procedureCode",
              sum(x.untimely)::int AS "untimelyApologies", sum(x.late)::int AS "lateSupplementRequests"
       FROM (
         SELECT application_id, 1 AS untimely, 0 AS late FROM apologies
         WHERE issued_at >= $1 AND issued_at < $2 AND timely = false
         UNION ALL
         SELECT application_id, 0, 1 FROM application_supplements
         WHERE requested_at >= $1 AND requested_at < $2 AND late_because IS NOT NULL
       ) x JOIN applications a ON a.id = x.application_id
       WHERE ($3::uuid IS NULL OR a.department_id = $3::uuid)
       GROUP BY 1, 2`,
      [start, end, departmentId],
    );
  }
}
