import { Injectable } from '@nestjs/common';
import { TransactionScope } from '../consumers/consumed-event.repository';
import type { EscalationRecipient } from '../escalations/escalation.repository';
import { queryRows } from '../repositories/postgres';

/** An online application the desk has not checked by its deadline, and not yet escalated. */
export interface MissedOnlineCheck {
  id: string;
  code: string;
  procedureName: string;
  applicantFullName: string;
  checkDueAt: Date;
}

@Injectable()
export class OnlineCheckEscalationRepository {
  /**
   * Submitted online, check deadline passed before `now`, not escalated yet: in
   * (check due, id) order through the partial index applications_online_inbox.
   */
  findMissed(
    scope: TransactionScope,
    now: Date,
    after: { checkDueAt: Date; id: string } | null,
    limit: number,
  ): Promise<MissedOnlineCheck[]> {
    return queryRows<MissedOnlineCheck>(
      scope.manager,
      `SELECT a.id, a.code, p.name AS "procedureName", a.applicant_full_name AS "applicantFullName",
              a.online_check_due_at AS "checkDueAt"
         FROM applications a JOIN procedures p ON p.id = a.procedure_id
        WHERE a.status = 'submitted' AND a.channel = 'online' AND a.online_check_due_at < $1
          AND ($2::timestamptz IS NULL OR (a.online_check_due_at, a.id) > ($2::timestamptz, $3::uuid))
          AND NOT EXISTS (SELECT 1 FROM online_check_escalations e WHERE e.application_id = a.id)
        ORDER BY a.online_check_due_at, a.id LIMIT $4`,
      [now, after?.checkDueAt ?? null, after?.id ?? null, limit],
    );
  }

  /** Flags the missed check once; false when it already was (another run, a redelivery). */
  async flag(
    scope: TransactionScope,
    row: {
      applicationId: string;
      checkDueAt: Date;
      raisedAt: Date;
      recipients: EscalationRecipient[];
    },
  ): Promise<boolean> {
    const inserted = await queryRows(
      scope.manager,
      `INSERT INTO online_check_escalations (application_id, check_due_at, raised_at, recipients)
       VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (application_id) DO NOTHING RETURNING application_id`,
      [row.applicationId, row.checkDueAt, row.raisedAt, JSON.stringify(row.recipients)],
    );
    return inserted.length > 0;
  }
}
