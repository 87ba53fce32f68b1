import { EntityManager } from 'typeorm';
import { ShipmentStatus } from '@app/domain';
import { currentTraceContext } from '@app/observability';
import { ApplicationStepTransaction } from './application-step.repository';
import { APPLICATION_COLUMNS, ApplicationChanges } from './application.record';

export interface NewHistory {
  at: Date;
  /**
   * Who acted, in which role: always a role, and a user unless the applicant acted through
   * the portal (role 'citizen'; the application names them). Enforced by the database.
   */
  actorId: string | null;
  actorRole: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  payload: Record<string, unknown>;
}

export interface NewOutboxEvent {
  id: string;
  type: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/** Writes made while the application's row is locked; all in the caller's transaction. */
export class ApplicationTransaction {
  /** Set when an outbox event was written: the relay is signalled after commit. */
  wroteEvents = false;

  constructor(readonly manager: EntityManager) {}

  /** Inter-agency steps (liên thông), written in this same transaction. */
  get steps(): ApplicationStepTransaction {
    return new ApplicationStepTransaction(this.manager);
  }

  /** Sets the new status and changes; bumps the version. */
  async update(
    id: string,
    status: string,
    changes: ApplicationChanges,
    at: Date,
  ): Promise<{ version: number; updatedAt: Date }> {
    const sets = [`status = $2`, `version = version + 1`, `updated_at = $3`];
    const params: unknown[] = [id, status, at];
    for (const [key, value] of Object.entries(changes)) {
      params.push(value);
      sets.push(`${APPLICATION_COLUMNS[key as keyof ApplicationChanges]} = $${params.length}`);
    }
    // TypeORM answers an UPDATE with [rows, affectedCount], not with the rows themselves.
    const [rows]: [Array<{ version: number; updatedAt: Date }>, number] = await this.manager.query(
      `UPDATE applications SET ${sets.join(', ')} WHERE id = $1 RETURNING version, updated_at AS "updatedAt"`,
      params,
    );
    return rows[0];
  }

  async appendHistory(applicationId: string, h: NewHistory): Promise<void> {
    await this.manager.query(
      `INSERT INTO application_history (application_id, at, actor_id, actor_role, action, from_status, to_status, note, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
      [
        applicationId,
        h.at,
        h.actorId,
        h.actorRole,
        h.action,
        h.fromStatus,
        h.toStatus,
        h.note,
        JSON.stringify(h.payload),
      ],
    );
  }

  async appendOutbox(applicationId: string, event: NewOutboxEvent): Promise<void> {
    this.wroteEvents = true;
    await this.manager.query(
      `INSERT INTO outbox_events (id, aggregate_type, aggregate_id, type, payload, occurred_at, trace_context)
       VALUES ($1, 'application', $2, $3, $4::jsonb, $5, $6)`,
      [
        event.id,
        applicationId,
        event.type,
        JSON.stringify(event.payload),
        event.occurredAt,
        // The request's trace travels with the event to the relay and the jobs it causes.
        currentTraceContext(),
      ],
    );
  }

  async openSupplement(
    applicationId: string,
    s: {
      at: Date;
      by: string;
      items: string[];
      reason: string | null;
      /** Set when the request came after its window or the due date (a head's override). */
      lateBecause?: 'after_window' | 'after_due_date' | null;
      lateOverrideReason?: string | null;
      clockRule?: 'restart' | 'pause';
    },
  ): Promise<void> {
    await this.manager.query(
      `INSERT INTO application_supplements
         (application_id, requested_at, requested_by, items, reason, late_because, late_override_reason, clock_rule)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8)`,
      [
        applicationId,
        s.at,
        s.by,
        JSON.stringify(s.items),
        s.reason,
        s.lateBecause ?? null,
        s.lateOverrideReason ?? null,
        s.clockRule ?? 'restart',
      ],
    );
  }

  /** How the open supplement request treats the time limit once it arrives; null if none. */
  async openSupplementClockRule(applicationId: string): Promise<'restart' | 'pause' | null> {
    const rows: Array<{ clockRule: 'restart' | 'pause' }> = await this.manager.query(
      `SELECT clock_rule AS "clockRule" FROM application_supplements
       WHERE application_id = $1 AND completed_at IS NULL ORDER BY requested_at DESC LIMIT 1`,
      [applicationId],
    );
    return rows[0]?.clockRule ?? null;
  }

  /** Records the supplement's arrival and what came, once (a trigger refuses any rewrite). */
  async completeSupplement(
    applicationId: string,
    s: { at: Date; by: string; items: string[] },
  ): Promise<void> {
    await this.manager.query(
      `UPDATE application_supplements SET completed_at = $2, completed_by = $3, received_items = $4::jsonb
       WHERE application_id = $1 AND completed_at IS NULL`,
      [applicationId, s.at, s.by, JSON.stringify(s.items)],
    );
  }

  async insertApology(a: {
    applicationId: string;
    reason: string;
    previousDueAt: Date;
    newDueAt: Date;
    responsibleDepartmentId: string;
    issuedBy: string;
    issuedAt: Date;
    /** Sent at least one working day before previousDueAt (apologyTimelyUntil). */
    timely: boolean;
    /** Signed as the agency's head, a recorded delegate, or an admin's correction. */
    signerCapacity: string;
  }): Promise<string> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO apologies (application_id, reason, previous_due_at, new_due_at, responsible_department_id, issued_by, issued_at, timely, signer_capacity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        a.applicationId,
        a.reason,
        a.previousDueAt,
        a.newDueAt,
        a.responsibleDepartmentId,
        a.issuedBy,
        a.issuedAt,
        a.timely,
        a.signerCapacity,
      ],
    );
    return rows[0].id;
  }

  async userInDepartment(
    userId: string,
  ): Promise<{ id: string; role: string; departmentId: string | null; active: boolean } | null> {
    const rows: Array<{ id: string; role: string; departmentId: string | null; active: boolean }> =
      await this.manager.query(
        `SELECT id, role, department_id AS "departmentId", active FROM users WHERE id = $1`,
        [userId],
      );
    return rows[0] ?? null;
  }

  /** The ids of the application's history entries, oldest first. */
  async historyIds(applicationId: string): Promise<number[]> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `SELECT id FROM application_history WHERE application_id = $1 ORDER BY id`,
      [applicationId],
    );
    return rows.map((r) => Number(r.id));
  }

  /** The application's live outbound postal shipment (its result sent by post), if any. */
  async outboundShipment(
    applicationId: string,
  ): Promise<{ id: string; status: string; trackingCode: string } | null> {
    const rows: Array<{ id: string; status: string; trackingCode: string }> =
      await this.manager.query(
        `SELECT id, status, tracking_code AS "trackingCode" FROM postal_shipments
          WHERE application_id = $1 AND direction = 'outbound' AND status <> 'cancelled'`,
        [applicationId],
      );
    return rows[0] ?? null;
  }

  /**
   * The applicant collected the result in person: the outbound shipment still waiting for the
   * post office is cancelled, with a line on its (append-only) timeline.
   */
  async cancelOutboundShipment(shipmentId: string, at: Date, actorId: string): Promise<void> {
    await this.manager.query(
      `UPDATE postal_shipments SET status = $2, version = version + 1, updated_at = $3
        WHERE id = $1 AND status = $4`,
      [shipmentId, ShipmentStatus.Cancelled, at, ShipmentStatus.Created],
    );
    await this.manager.query(
      `INSERT INTO postal_shipment_events (shipment_id, status, at, recorded_at, actor_id, source, note)
       VALUES ($1, $2, $3, $3, $4, 'desk', 'Người nộp nhận kết quả trực tiếp')`,
      [shipmentId, ShipmentStatus.Cancelled, at, actorId],
    );
  }

  async departmentExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(`SELECT 1 FROM departments WHERE id = $1`, [
      id,
    ]);
    return rows.length > 0;
  }
}
