import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadReplica } from '../replica/read-replica';

/** One department's liên thông steps that ended in a period, by outcome. */
export interface StepOutcomeRow {
  departmentId: string;
  departmentName: string;
  early: number;
  onTime: number;
  late: number;
}

/**
 * Who carried the delays of liên thông chains: steps closed in [from, to), counted for the
 * department that held them, by outcome against their due date in force (waits taken out).
 * Reads the completed_at index.
 */
@Injectable()
export class StepOutcomesRepository {
  constructor(@Inject(ReadReplica) private readonly reads: ReadReplica) {}

  /** Read-only: the replica inside a request allowed to read it, the primary otherwise. */
  private get dataSource(): DataSource {
    return this.reads.source();
  }

  async closedBetween(
    from: Date,
    to: Date,
    departmentId: string | null,
  ): Promise<StepOutcomeRow[]> {
    return this.dataSource.query(
      `SELECT s.to_department_id AS "departmentId", d.name AS "departmentName",
              count(*) FILTER (WHERE s.outcome = 'early')::int AS early,
              count(*) FILTER (WHERE s.outcome = 'on_time')::int AS "onTime",
              count(*) FILTER (WHERE s.outcome = 'late')::int AS late
       FROM application_steps s JOIN departments d ON d.id = s.to_department_id
       WHERE s.completed_at >= $1 AND s.completed_at < $2
         AND ($3::uuid IS NULL OR s.to_department_id = $3::uuid)
       GROUP BY s.to_department_id, d.name ORDER BY d.name`,
      [from, to, departmentId],
    );
  }
}
