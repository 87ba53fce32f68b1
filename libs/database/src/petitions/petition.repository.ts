import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PetitionRules, PetitionStatus, PetitionTimes } from '@app/domain';
import { currentTraceContext } from '@app/observability';
import { DataSource } from 'typeorm';
import { OutboxSignal } from '../outbox/outbox-signal';
import { queryRows, VersionedUpdate } from '../repositories/postgres';

export interface PetitionRecord {
  id: string;
  code: string;
  channel: string;
  status: PetitionStatus;
  title: string;
  content: string;
  petitionerName: string;
  petitionerAddress: string;
  petitionerPhone: string | null;
  petitionerEmail: string | null;
  applicationId: string | null;
  applicationCode: string | null;
  procedureCode: string | null;
  consentToPublish: boolean;
  ruleVersion: number;
  receivedAt: Date;
  refuseDueAt: Date;
  clarifyDueAt: Date;
  forwardDueAt: Date;
  answerDueAt: Date;
  publishDueAt: Date | null;
  notAcceptedAt: Date | null;
  notAcceptedReason: string | null;
  clarificationRequestedAt: Date | null;
  clarificationRequest: string | null;
  inProgressAt: Date | null;
  answeredAt: Date | null;
  answer: string | null;
  publishedAt: Date | null;
  publishedContent: string | null;
  publishedAnswer: string | null;
  version: number;
  forwards: Array<{ forwardedAt: string; toBody: string; dueAt: string; note: string | null }>;
}

export type NewPetition = Omit<
  PetitionRecord,
  | 'status'
  | 'applicationCode'
  | 'publishDueAt'
  | 'notAcceptedAt'
  | 'notAcceptedReason'
  | 'clarificationRequestedAt'
  | 'clarificationRequest'
  | 'inProgressAt'
  | 'answeredAt'
  | 'answer'
  | 'publishedAt'
  | 'publishedContent'
  | 'publishedAnswer'
  | 'version'
  | 'forwards'
> & { recordedBy: string | null };

/** Columns an action may set (never the identity, the petitioner or the deadlines of receipt). */
export interface PetitionChanges {
  status: PetitionStatus;
  publishDueAt?: Date;
  notAcceptedAt?: Date;
  notAcceptedReason?: string;
  clarificationRequestedAt?: Date;
  clarificationRequest?: string;
  inProgressAt?: Date;
  answeredAt?: Date;
  answer?: string;
  publishedAt?: Date;
  publishedContent?: string;
  publishedAnswer?: string;
}

const COLUMN: Record<Exclude<keyof PetitionChanges, 'status'>, string> = {
  publishDueAt: 'publish_due_at',
  notAcceptedAt: 'not_accepted_at',
  notAcceptedReason: 'not_accepted_reason',
  clarificationRequestedAt: 'clarification_requested_at',
  clarificationRequest: 'clarification_request',
  inProgressAt: 'in_progress_at',
  answeredAt: 'answered_at',
  answer: 'answer',
  publishedAt: 'published_at',
  publishedContent: 'published_content',
  publishedAnswer: 'published_answer',
};

/** An outbox event announcing a petition's step (written in the step's transaction). */
export interface NewPetitionEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

/** An instant as the API writes it (ISO 8601, UTC, milliseconds), inside JSON built in SQL. */
const ISO = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SELECT = `p.id, p.code, p.channel, p.status, p.title, p.content,
  p.petitioner_name AS "petitionerName", p.petitioner_address AS "petitionerAddress",
  p.petitioner_phone AS "petitionerPhone", p.petitioner_email AS "petitionerEmail",
  p.application_id AS "applicationId", a.code AS "applicationCode", p.procedure_code AS "procedureCode",
  p.consent_to_publish AS "consentToPublish", p.rule_version AS "ruleVersion",
  p.received_at AS "receivedAt", p.refuse_due_at AS "refuseDueAt", p.clarify_due_at AS "clarifyDueAt",
  p.forward_due_at AS "forwardDueAt", p.answer_due_at AS "answerDueAt", p.publish_due_at AS "publishDueAt",
  p.not_accepted_at AS "notAcceptedAt", p.not_accepted_reason AS "notAcceptedReason",
  p.clarification_requested_at AS "clarificationRequestedAt", p.clarification_request AS "clarificationRequest",
  p.in_progress_at AS "inProgressAt", p.answered_at AS "answeredAt", p.answer,
  p.published_at AS "publishedAt", p.published_content AS "publishedContent",
  p.published_answer AS "publishedAnswer", p.version,
  COALESCE((SELECT json_agg(json_build_object('forwardedAt', ${ISO('f.forwarded_at')},
      'toBody', f.to_body, 'dueAt', ${ISO('f.due_at')}, 'note', f.note) ORDER BY f.id)
    FROM petition_forwards f WHERE f.petition_id = p.id), '[]') AS forwards`;
const FROM = `petitions p LEFT JOIN applications a ON a.id = p.application_id`;

@Injectable()
export class PetitionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OutboxSignal) private readonly outboxSignal: OutboxSignal,
  ) {}

  /** The rule version in force at `at` (the latest whose valid_from is not after it). */
  async rulesAt(at: Date): Promise<{ version: number; rules: PetitionRules }> {
    const rows = await queryRows<PetitionRules & { version: number }>(
      this.dataSource,
      `SELECT version, refuse_days AS "refuseDays", clarify_days AS "clarifyDays",
              forward_days AS "forwardDays", answer_days AS "answerDays", publish_days AS "publishDays"
         FROM petition_rule_versions WHERE valid_from <= $1 ORDER BY valid_from DESC LIMIT 1`,
      [at],
    );
    const { version, ...rules } = rows[0];
    return { version, rules };
  }

  async applicationIdByCode(code: string): Promise<string | null> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT id FROM applications WHERE code = $1`,
      [code],
    );
    return rows[0]?.id ?? null;
  }

  async insert(p: NewPetition): Promise<PetitionRecord> {
    await this.dataSource.query(
      `INSERT INTO petitions (id, code, channel, status, title, content, petitioner_name,
         petitioner_address, petitioner_phone, petitioner_email, application_id, procedure_code,
         consent_to_publish, rule_version, received_at, refuse_due_at, clarify_due_at,
         forward_due_at, answer_due_at, recorded_by, updated_at)
       VALUES ($1, $2, $3, 'received', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
         $17, $18, $19, $14)`,
      [
        p.id,
        p.code,
        p.channel,
        p.title,
        p.content,
        p.petitionerName,
        p.petitionerAddress,
        p.petitionerPhone,
        p.petitionerEmail,
        p.applicationId,
        p.procedureCode,
        p.consentToPublish,
        p.ruleVersion,
        p.receivedAt,
        p.refuseDueAt,
        p.clarifyDueAt,
        p.forwardDueAt,
        p.answerDueAt,
        p.recordedBy,
      ],
    );
    return (await this.find(p.id))!;
  }

  async find(idOrCode: string): Promise<PetitionRecord | null> {
    const column = /^[0-9a-f-]{36}$/i.test(idOrCode) ? 'p.id' : 'p.code';
    const rows = await queryRows<PetitionRecord>(
      this.dataSource,
      `SELECT ${SELECT} FROM ${FROM} WHERE ${column}::text = $1`,
      [idOrCode],
    );
    return rows[0] ?? null;
  }

  /**
   * Applies an action's changes if the version still matches, and in the same transaction
   * records a forward and writes the step's outbox event (so the petitioner's e-mail is never
   * lost, nor sent for a step that rolled back).
   */
  async update(
    id: string,
    expectedVersion: number,
    at: Date,
    changes: PetitionChanges,
    forward?: { toBody: string; dueAt: Date; note: string | null; by: string },
    event?: NewPetitionEvent,
  ): Promise<VersionedUpdate<PetitionRecord>> {
    const sets = ['status = $3', 'version = version + 1', 'updated_at = $4'];
    const params: unknown[] = [id, expectedVersion, changes.status, at];
    for (const [key, column] of Object.entries(COLUMN) as Array<[keyof typeof COLUMN, string]>) {
      if (changes[key] !== undefined) {
        params.push(changes[key]);
        sets.push(`${column} = $${params.length}`);
      }
    }
    const updated = await this.dataSource.transaction(async (manager) => {
      const rows = await queryRows<{ id: string }>(
        manager,
        `UPDATE petitions SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
        params,
      );
      if (rows.length > 0 && forward) {
        await manager.query(
          `INSERT INTO petition_forwards (petition_id, forwarded_at, to_body, due_at, note, forwarded_by)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, at, forward.toBody, forward.dueAt, forward.note, forward.by],
        );
      }
      if (rows.length > 0 && event) {
        await manager.query(
          `INSERT INTO outbox_events (id, aggregate_type, aggregate_id, type, payload, occurred_at, trace_context)
           VALUES ($1, 'petition', $2, $3, $4::jsonb, $5, $6)`,
          [event.id, id, event.type, JSON.stringify(event.payload), at, currentTraceContext()],
        );
      }
      return rows.length > 0;
    });
    if (updated && event) {
      this.outboxSignal.poke();
    }
    const current = await this.find(id);
    if (!current) {
      return { status: 'not_found' };
    }
    return updated ? { status: 'updated', record: current } : { status: 'stale', current };
  }

  async list(status: PetitionStatus | null, limit: number): Promise<PetitionRecord[]> {
    return queryRows<PetitionRecord>(
      this.dataSource,
      `SELECT ${SELECT} FROM ${FROM} WHERE ($1::text IS NULL OR p.status = $1)
       ORDER BY p.received_at DESC, p.id LIMIT $2`,
      [status, limit],
    );
  }

  /** Published answers, newest first; `q` matches the redacted title, content and answer. */
  async published(
    q: string | null,
    limit: number,
  ): Promise<
    Array<
      Pick<PetitionRecord, 'code' | 'title' | 'publishedContent' | 'publishedAnswer'> & {
        receivedAt: Date;
        answeredAt: Date;
        publishedAt: Date;
      }
    >
  > {
    return queryRows(
      this.dataSource,
      `SELECT code, title, published_content AS "publishedContent", published_answer AS "publishedAnswer",
              received_at AS "receivedAt", answered_at AS "answeredAt", published_at AS "publishedAt"
         FROM petitions
        WHERE status = 'published'
          AND ($1::text IS NULL OR (title || ' ' || published_content || ' ' || published_answer) ILIKE '%' || $1 || '%')
        ORDER BY published_at DESC, id LIMIT $2`,
      [q, limit],
    );
  }

  /**
   * K9's population: petitions received in [from, to), or handled in it (refused, forwarded,
   * answered or published), with the times K9 judges.
   */
  async k9Population(from: Date, to: Date): Promise<PetitionTimes[]> {
    return queryRows<PetitionTimes>(
      this.dataSource,
      `SELECT p.received_at AS "receivedAt", p.refuse_due_at AS "refuseDueAt",
              p.clarify_due_at AS "clarifyDueAt", p.forward_due_at AS "forwardDueAt",
              p.answer_due_at AS "answerDueAt", p.publish_due_at AS "publishDueAt",
              p.consent_to_publish AS "consentToPublish", p.not_accepted_at AS "notAcceptedAt",
              p.clarification_requested_at AS "clarificationRequestedAt",
              f.first AS "firstForwardedAt", p.answered_at AS "answeredAt",
              p.published_at AS "publishedAt", p.status
         FROM petitions p
         LEFT JOIN LATERAL (SELECT min(forwarded_at) AS first FROM petition_forwards
                             WHERE petition_id = p.id) f ON true
        WHERE p.received_at < $2
          AND (p.received_at >= $1
               OR p.not_accepted_at >= $1 OR f.first >= $1 OR p.answered_at >= $1
               OR p.published_at >= $1)`,
      [from, to],
    );
  }
}
