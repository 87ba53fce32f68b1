import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@app/domain';
import { PG_UNIQUE_VIOLATION, pgErrorInfo, queryRows } from '../repositories/postgres';
import {
  CarrierState,
  DispatchTarget,
  NewShipment,
  NewShipmentEvent,
  ReturnRequestRecord,
  ShipmentEventRecord,
  ShipmentRecord,
} from './postal-shipment.record';

const SHIPMENT_SELECT = `s.id, s.application_id AS "applicationId", a.code AS "applicationCode",
  a.department_id AS "departmentId", s.direction, s.tracking_code AS "trackingCode", s.status,
  s.version, s.sender, s.receiver, s.postage_vnd::float8 AS "postageVnd", s.cod_vnd::float8 AS "codVnd",
  s.handover_number AS "handoverNumber", s.handover_signed_at AS "handoverSignedAt",
  s.handover_signed_by AS "handoverSignedBy", s.handover_recorded_by AS "handoverRecordedBy",
  s.handover_recorded_at AS "handoverRecordedAt", s.carrier_state AS "carrierState",
  s.carrier_attempts AS "carrierAttempts", s.carrier_error AS "carrierError",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;
const SHIPMENT_FROM = `postal_shipments s JOIN applications a ON a.id = s.application_id`;

type ShipmentRow = Omit<ShipmentRecord, 'handOver' | 'events'> & {
  handoverNumber: string | null;
  handoverSignedAt: Date | null;
  handoverSignedBy: string | null;
  handoverRecordedBy: string | null;
  handoverRecordedAt: Date | null;
};

function toRecord(row: ShipmentRow, events: ShipmentEventRecord[]): ShipmentRecord {
  const {
    handoverNumber,
    handoverSignedAt,
    handoverSignedBy,
    handoverRecordedBy,
    handoverRecordedAt,
    ...rest
  } = row;
  return {
    ...rest,
    handOver:
      handoverNumber === null
        ? null
        : {
            number: handoverNumber,
            signedAt: handoverSignedAt!,
            signedBy: handoverSignedBy!,
            recordedBy: handoverRecordedBy,
            recordedAt: handoverRecordedAt,
          },
    events,
  };
}

/** A unique index met by a write, as the field the caller got wrong. */
function translateWriteError(error: unknown): unknown {
  const e = pgErrorInfo(error);
  if (e.code !== PG_UNIQUE_VIOLATION) {
    return error;
  }
  switch (e.constraint) {
    case 'postal_shipments_tracking_code_key':
      return new DomainError(DomainErrorCode.Duplicate, 'tracking code already used', [
        { field: 'trackingCode', reason: 'is already used by another shipment' },
      ]);
    case 'postal_shipments_handover_number':
      return new DomainError(DomainErrorCode.Duplicate, 'hand-over record number already used', [
        { field: 'handOver.number', reason: 'is already used by another hand-over record' },
      ]);
    case 'postal_shipments_one_live':
      return new DomainError(DomainErrorCode.Duplicate, 'the application has such a shipment', [
        { field: 'direction', reason: 'the application already has a shipment in this direction' },
      ]);
    case undefined:
    default:
      return error;
  }
}

/** Writes on one shipment while its row is locked (see withLocked). */
export class ShipmentTransaction {
  constructor(readonly manager: EntityManager) {}

  /** Appends a timeline row and sets the status; bumps the version. */
  async move(id: string, event: NewShipmentEvent, recordedAt: Date): Promise<void> {
    await this.manager.query(
      `UPDATE postal_shipments SET status = $2, version = version + 1, updated_at = $3 WHERE id = $1`,
      [id, event.status, recordedAt],
    );
    await appendEvents(this.manager, id, [event], recordedAt);
  }

  async setHandOver(
    id: string,
    h: {
      number: string;
      signedAt: Date;
      signedBy: string;
      recordedBy: string;
      postageVnd?: number;
    },
    at: Date,
  ): Promise<void> {
    try {
      await this.manager.query(
        `UPDATE postal_shipments SET handover_number = $2, handover_signed_at = $3, handover_signed_by = $4,
                handover_recorded_by = $5, handover_recorded_at = $6,
                postage_vnd = COALESCE($7, postage_vnd) WHERE id = $1`,
        [id, h.number, h.signedAt, h.signedBy, h.recordedBy, at, h.postageVnd ?? null],
      );
    } catch (error) {
      throw translateWriteError(error);
    }
  }
}

async function appendEvents(
  manager: EntityManager,
  shipmentId: string,
  events: NewShipmentEvent[],
  recordedAt: Date,
): Promise<void> {
  for (const e of events) {
    await manager.query(
      `INSERT INTO postal_shipment_events (shipment_id, status, at, recorded_at, actor_id, source, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [shipmentId, e.status, e.at, recordedAt, e.actorId, e.source, e.note],
    );
  }
}

/** Postal shipments, their timeline, the tracking-code pool and the result-by-post choices. */
@Injectable()
export class PostalShipmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Takes the smallest free code of the pool for good (null when the pool is empty). Rows
   * locked by a concurrent allocation are skipped, so concurrent callers never wait on each
   * other and never get the same code; a rolled-back caller's code returns to the pool.
   */
  async allocateCode(manager: EntityManager, at: Date): Promise<string | null> {
    const rows = await queryRows<{ code: string }>(
      manager,
      `UPDATE postal_tracking_pool SET allocated_at = $1
        WHERE code = (SELECT code FROM postal_tracking_pool WHERE allocated_at IS NULL
                       ORDER BY code LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING code`,
      [at],
    );
    return rows[0]?.code ?? null;
  }

  /** Adds codes to the pool (those already there are left alone); answers how many were new. */
  async addToPool(codes: string[]): Promise<number> {
    const rows = await queryRows<{ code: string }>(
      this.dataSource,
      `INSERT INTO postal_tracking_pool (code) SELECT unnest($1::text[])
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [codes],
    );
    return rows.length;
  }

  async poolCounts(): Promise<{ free: number; allocated: number }> {
    const [row] = await queryRows<{ free: number; allocated: number }>(
      this.dataSource,
      `SELECT count(*) FILTER (WHERE allocated_at IS NULL)::int AS free,
              count(*) FILTER (WHERE allocated_at IS NOT NULL)::int AS allocated
         FROM postal_tracking_pool`,
    );
    return row;
  }

  /** Marks a code of the pool used (a code the post office printed, given by the desk). */
  async claimCode(manager: EntityManager, code: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE postal_tracking_pool SET allocated_at = $2 WHERE code = $1 AND allocated_at IS NULL`,
      [code, at],
    );
  }

  async insert(manager: EntityManager, s: NewShipment): Promise<void> {
    try {
      await manager.query(
        `INSERT INTO postal_shipments (id, application_id, direction, tracking_code, status, sender,
           receiver, postage_vnd, cod_vnd, handover_number, handover_signed_at, handover_signed_by,
           handover_recorded_by, handover_recorded_at, carrier_state, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11, $12, $13,
                 CASE WHEN $10::text IS NULL THEN NULL ELSE $14::timestamptz END, $15, $14, $14)`,
        [
          s.id,
          s.applicationId,
          s.direction,
          s.trackingCode,
          s.status,
          JSON.stringify(s.sender),
          JSON.stringify(s.receiver),
          s.postageVnd,
          s.codVnd,
          s.handOver?.number ?? null,
          s.handOver?.signedAt ?? null,
          s.handOver?.signedBy ?? null,
          s.handOver?.recordedBy ?? null,
          s.at,
          s.carrierState,
        ],
      );
    } catch (error) {
      throw translateWriteError(error);
    }
    await appendEvents(manager, s.id, s.events, s.at);
  }

  async findById(id: string): Promise<ShipmentRecord | null> {
    const [row] = await queryRows<ShipmentRow>(
      this.dataSource,
      `SELECT ${SHIPMENT_SELECT} FROM ${SHIPMENT_FROM} WHERE s.id = $1`,
      [id],
    );
    return row ? toRecord(row, await this.events(this.dataSource, row.id)) : null;
  }

  /** The application's shipments, oldest first, each with its timeline. */
  async listForApplication(applicationId: string): Promise<ShipmentRecord[]> {
    const rows = await queryRows<ShipmentRow>(
      this.dataSource,
      `SELECT ${SHIPMENT_SELECT} FROM ${SHIPMENT_FROM} WHERE s.application_id = $1
        ORDER BY s.created_at, s.id`,
      [applicationId],
    );
    return Promise.all(
      rows.map(async (r) => toRecord(r, await this.events(this.dataSource, r.id))),
    );
  }

  /** The live outbound shipment of an application (read in the caller's transaction). */
  async liveOutbound(
    db: EntityManager | null,
    applicationId: string,
  ): Promise<ShipmentRecord | null> {
    const source = db ?? this.dataSource;
    const [row] = await queryRows<ShipmentRow>(
      source,
      `SELECT ${SHIPMENT_SELECT} FROM ${SHIPMENT_FROM}
        WHERE s.application_id = $1 AND s.direction = 'outbound' AND s.status <> 'cancelled'`,
      [applicationId],
    );
    return row ? toRecord(row, await this.events(source, row.id)) : null;
  }

  /** Runs `work` holding the shipment's row lock; null when there is no such shipment. */
  async withLocked<T>(
    id: string,
    work: (record: ShipmentRecord | null, tx: ShipmentTransaction) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await queryRows<ShipmentRow>(
        manager,
        `SELECT ${SHIPMENT_SELECT} FROM ${SHIPMENT_FROM} WHERE s.id = $1 FOR UPDATE OF s`,
        [id],
      );
      const record = row ? toRecord(row, await this.events(manager, row.id)) : null;
      return work(record, new ShipmentTransaction(manager));
    });
  }

  async setCarrierState(
    id: string,
    state: CarrierState,
    error: string | null,
    countAttempt: boolean,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE postal_shipments SET carrier_state = $2, carrier_error = $3,
              carrier_attempts = carrier_attempts + $4 WHERE id = $1`,
      [id, state, error, countAttempt ? 1 : 0],
    );
  }

  async returnRequest(
    db: EntityManager | null,
    applicationId: string,
  ): Promise<ReturnRequestRecord | null> {
    const [row] = await queryRows<ReturnRequestRecord>(
      db ?? this.dataSource,
      `SELECT application_id AS "applicationId", receiver, postage_vnd::float8 AS "postageVnd",
              requested_at AS "requestedAt"
         FROM postal_return_requests WHERE application_id = $1`,
      [applicationId],
    );
    return row ?? null;
  }

  /** Records (or replaces) the applicant's choice of a result by post. */
  async saveReturnRequest(
    manager: EntityManager,
    r: ReturnRequestRecord & { requestedBy: string | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO postal_return_requests (application_id, receiver, postage_vnd, requested_at, requested_by)
       VALUES ($1, $2::jsonb, $3, $4, $5)
       ON CONFLICT (application_id) DO UPDATE SET receiver = EXCLUDED.receiver,
         postage_vnd = EXCLUDED.postage_vnd, requested_at = EXCLUDED.requested_at,
         requested_by = EXCLUDED.requested_by`,
      [r.applicationId, JSON.stringify(r.receiver), r.postageVnd, r.requestedAt, r.requestedBy],
    );
  }

  /** What the result-ready dispatch needs about one application. */
  async dispatchTarget(applicationId: string): Promise<DispatchTarget | null> {
    const [row] = await queryRows<Omit<DispatchTarget, 'request' | 'outbound'>>(
      this.dataSource,
      `SELECT a.id AS "applicationId", a.code, a.status, p.name AS "procedureName",
              p.postal_return AS "postalReturn", a.applicant_full_name AS "applicantFullName",
              a.applicant_email AS "applicantEmail"
         FROM applications a JOIN procedures p ON p.id = a.procedure_id WHERE a.id = $1`,
      [applicationId],
    );
    if (!row) {
      return null;
    }
    return {
      ...row,
      request: await this.returnRequest(null, applicationId),
      outbound: await this.liveOutbound(null, applicationId),
    };
  }

  async wasNoticed(eventId: string, addressee: 'citizen' | 'post_office'): Promise<boolean> {
    const rows = await queryRows(
      this.dataSource,
      `SELECT 1 FROM postal_notices WHERE event_id = $1 AND addressee = $2`,
      [eventId, addressee],
    );
    return rows.length > 0;
  }

  async recordNotice(
    eventId: string,
    addressee: 'citizen' | 'post_office',
    applicationId: string,
    at: Date,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO postal_notices (event_id, addressee, application_id, sent_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [eventId, addressee, applicationId, at],
    );
  }

  private async events(
    db: DataSource | EntityManager,
    shipmentId: string,
  ): Promise<ShipmentEventRecord[]> {
    return queryRows<ShipmentEventRecord>(
      db,
      `SELECT e.id::int AS id, e.status, e.at, e.recorded_at AS "recordedAt", e.actor_id AS "actorId",
              u.full_name AS "actorName", e.source, e.note
         FROM postal_shipment_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.shipment_id = $1 ORDER BY e.id`,
      [shipmentId],
    );
  }
}
