import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  PETITION_ALERT_STATUSES,
  PETITION_DEADLINE_BINDS,
  PetitionAlertKind,
  PetitionDeadlineFacts,
  PetitionDeadlineStep,
  PetitionStatus,
} from '@app/domain';
import { DataSource } from 'typeorm';
import { TransactionScope } from '../consumers/consumed-event.repository';
import type { EscalationRecipient } from '../escalations/escalation.repository';
import { queryRows } from '../repositories/postgres';

/** A petition as its reminders need it. */
export interface AlertablePetition extends PetitionDeadlineFacts {
  id: string;
  code: string;
  title: string;
  receivedAt: Date;
}

export interface NewPetitionAlert {
  petitionId: string;
  step: PetitionDeadlineStep;
  kind: PetitionAlertKind;
  dueAt: Date;
  raisedAt: Date;
  recipients: EscalationRecipient[];
}

const KNOWN = new Set<string>(Object.values(PetitionStatus));
const list = (statuses: readonly PetitionStatus[]) => {
  for (const s of statuses) {
    if (!KNOWN.has(s)) {
      throw new RangeError(`not a petition status: ${String(s)}`);
    }
  }
  return `(${statuses.map((s) => `'${s}'`).join(', ')})`;
};

/**
 * Petitions in which some deadline binds, from the domain's one definition: a status that any
 * step binds without condition, or one bound only with consent (answered → publish) when the
 * petitioner consented. The partial index petitions_alertable has this predicate.
 */
export function petitionAlertablePredicate(alias = 'p'): string {
  const unconditional = PETITION_ALERT_STATUSES.filter((s) =>
    Object.values(PETITION_DEADLINE_BINDS).some((b) => b.statuses.includes(s) && !b.consentOnly),
  );
  const consentOnly = PETITION_ALERT_STATUSES.filter((s) => !unconditional.includes(s));
  const parts = [`${alias}.status IN ${list(unconditional)}`];
  if (consentOnly.length > 0) {
    parts.push(`(${alias}.status IN ${list(consentOnly)} AND ${alias}.consent_to_publish)`);
  }
  return `(${parts.join(' OR ')})`;
}

/** Arbitrary but fixed: the advisory lock that keeps the citizens' sweep on one replica. */
const CITIZEN_SWEEP_LOCK_KEY = 7_300_063;

@Injectable()
export class PetitionAlertRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one transaction holding the citizens' sweep lock; another replica running
   * it at the same time gets `locked: false` and does nothing.
   */
  withSweepLock<T>(
    work: (scope: TransactionScope) => Promise<T>,
  ): Promise<{ locked: true; result: T } | { locked: false }> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ locked: boolean }> = await manager.query(
        `SELECT pg_try_advisory_xact_lock($1) AS locked`,
        [CITIZEN_SWEEP_LOCK_KEY],
      );
      if (!rows[0].locked) {
        return { locked: false as const };
      }
      return { locked: true as const, result: await work(new TransactionScope(manager)) };
    });
  }

  /** The sweep's page: alertable petitions after `after`, oldest receipt first (the index's order). */
  findAlertable(
    scope: TransactionScope,
    after: { receivedAt: Date; id: string } | null,
    limit: number,
  ): Promise<AlertablePetition[]> {
    return queryRows<AlertablePetition>(scope.manager, this.alertableSql(), [
      after?.receivedAt ?? null,
      after?.id ?? null,
      limit,
    ]);
  }

  /** The statement findAlertable runs (its plan is checked by a test). */
  alertableSql(): string {
    return `SELECT p.id, p.code, p.title, p.status, p.consent_to_publish AS "consentToPublish",
              p.received_at AS "receivedAt", p.refuse_due_at AS "refuseDueAt",
              p.clarify_due_at AS "clarifyDueAt", p.forward_due_at AS "forwardDueAt",
              p.answer_due_at AS "answerDueAt", p.publish_due_at AS "publishDueAt",
              (SELECT f.due_at FROM petition_forwards f WHERE f.petition_id = p.id
                ORDER BY f.id DESC LIMIT 1) AS "lastForwardDueAt"
         FROM petitions p
        WHERE ${petitionAlertablePredicate('p')}
          AND ($1::timestamptz IS NULL OR (p.received_at, p.id) > ($1::timestamptz, $2::uuid))
        ORDER BY p.received_at, p.id LIMIT $3`;
  }

  /** Inserts each alert unless (petition, step, kind, due date) exists; returns the new ones. */
  insertReturning(
    scope: TransactionScope,
    alerts: readonly NewPetitionAlert[],
  ): Promise<Array<{ petitionId: string; step: PetitionDeadlineStep; kind: PetitionAlertKind }>> {
    if (alerts.length === 0) {
      return Promise.resolve([]);
    }
    return queryRows(
      scope.manager,
      `INSERT INTO petition_deadline_alerts (petition_id, step, kind, due_at, raised_at, recipients)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[],
                            $5::timestamptz[], $6::jsonb[])
       ON CONFLICT DO NOTHING
       RETURNING petition_id AS "petitionId", step, kind`,
      [
        alerts.map((a) => a.petitionId),
        alerts.map((a) => a.step),
        alerts.map((a) => a.kind),
        alerts.map((a) => a.dueAt),
        alerts.map((a) => a.raisedAt),
        alerts.map((a) => JSON.stringify(a.recipients)),
      ],
    );
  }

  /** The alerts raised for a petition, oldest first (tests, support). */
  alertsOf(
    petitionId: string,
  ): Promise<Array<{ step: string; kind: string; dueAt: Date; raisedAt: Date }>> {
    return queryRows(
      this.dataSource,
      `SELECT step, kind, due_at AS "dueAt", raised_at AS "raisedAt" FROM petition_deadline_alerts
        WHERE petition_id = $1 ORDER BY raised_at, due_at, step, kind`,
      [petitionId],
    );
  }
}
