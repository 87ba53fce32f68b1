import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  ApplicationStatus,
  assertCanActOnApplication,
  assertCanSeeApplication,
  assertShipmentMove,
  DomainError,
  DomainErrorCode,
  MAX_POOL_IMPORT,
  SIGNATURE_CLOCK_SKEW_MS,
  ShipmentDirection,
  ShipmentStatus,
  trackingCode,
} from '@app/domain';
import {
  ApplicationRecord,
  ApplicationRepository,
  PostalAddress,
  PostalShipmentRepository,
  ProcedureRepository,
  ShipmentRecord,
  ShipmentTransaction,
} from '@app/database';
import { placeOf } from '../applications/application.view';
import { Clock } from '../clock/clock';
import { HandOverInput } from './postal-intake.service';
import { ShipmentView, toShipmentView } from './shipment.view';

/** Statuses after which no result is sent any more (nothing left to send by post). */
const CLOSED: readonly ApplicationStatus[] = [
  ApplicationStatus.ResultReturned,
  ApplicationStatus.Stopped,
  ApplicationStatus.NotAccepted,
];

export interface ShipmentMoveInput {
  status: ShipmentStatus;
  /** When it happened (the carrier's scan, the delivery); default now. */
  at?: Date;
  note?: string;
  /** The version the caller saw; a newer one answers 409 with the current shipment. */
  version?: number;
}

/** Shipments of an application: read, timeline moves, outbound hand-over, result by post. */
@Injectable()
export class PostalShipmentService {
  constructor(
    @Inject(PostalShipmentRepository) private readonly shipments: PostalShipmentRepository,
    @Inject(ApplicationRepository) private readonly applications: ApplicationRepository,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async forApplication(idOrCode: string, viewer: Actor): Promise<ShipmentView[]> {
    const app = await this.application(idOrCode);
    assertCanSeeApplication(viewer, placeOf(app));
    return (await this.shipments.listForApplication(app.id)).map(toShipmentView);
  }

  async get(id: string, viewer: Actor): Promise<ShipmentView> {
    const shipment = await this.shipments.findById(id);
    if (!shipment) {
      throw DomainError.notFound('shipment', id);
    }
    const app = await this.application(shipment.applicationId);
    assertCanSeeApplication(viewer, placeOf(app));
    return toShipmentView(shipment);
  }

  /** The applicant asks for the result by post (at the desk, or later by phone). */
  async requestReturnByPost(
    idOrCode: string,
    input: { receiver: PostalAddress; postageVnd?: number },
    actor: Actor,
  ): Promise<{ applicationId: string; receiver: PostalAddress; postageVnd: number }> {
    const app = await this.application(idOrCode);
    assertCanActOnApplication(actor, placeOf(app));
    const procedure = await this.procedures.findById(app.procedureId);
    if (!procedure?.postalReturn) {
      throw DomainError.validation('procedureCode', 'this procedure does not send results by post');
    }
    if (CLOSED.includes(app.status as ApplicationStatus)) {
      throw new DomainError(
        DomainErrorCode.IllegalTransition,
        `no result is sent any more for an application in status ${app.status}`,
        [{ field: 'status', reason: `is ${app.status}` }],
        { status: app.status },
      );
    }
    const now = this.clock.now();
    await this.shipments.transaction(async (manager) => {
      const live = await this.shipments.liveOutbound(manager, app.id);
      if (live && (live.status as ShipmentStatus) !== ShipmentStatus.Created) {
        throw new DomainError(
          DomainErrorCode.IllegalTransition,
          'the result is already with the post office: its address cannot change here',
          [{ field: 'receiver', reason: `shipment ${live.trackingCode} is ${live.status}` }],
          toShipmentView(live),
        );
      }
      await this.shipments.saveReturnRequest(manager, {
        applicationId: app.id,
        receiver: input.receiver,
        postageVnd: input.postageVnd ?? 0,
        requestedAt: now,
        requestedBy: actor.id,
      });
    });
    return { applicationId: app.id, receiver: input.receiver, postageVnd: input.postageVnd ?? 0 };
  }

  /**
   * The sealed result handed to the post office: both sign the biên bản giao nhận (spec §9).
   * Only an outbound shipment waiting for collection has one to record.
   */
  async recordHandOver(
    id: string,
    input: HandOverInput & { postageVnd?: number; version?: number },
    actor: Actor,
  ): Promise<ShipmentView> {
    const now = this.clock.now();
    this.assertNotFuture(input.signedAt, now, 'signedAt');
    return this.locked(id, actor, input.version, async (s, tx) => {
      const direction = s.direction as ShipmentDirection;
      if (
        direction !== ShipmentDirection.Outbound ||
        (s.status as ShipmentStatus) !== ShipmentStatus.Created
      ) {
        throw new DomainError(
          DomainErrorCode.IllegalTransition,
          direction === ShipmentDirection.Inbound
            ? 'an inbound shipment got its hand-over record at intake'
            : `the shipment is ${s.status}: its hand-over record was signed already`,
          [{ field: 'status', reason: `is ${s.status}` }],
          toShipmentView(s),
        );
      }
      // The record is signed after the shipment was created (to the minute a form records).
      const last = s.events.at(-1);
      if (last && input.signedAt.getTime() < last.at.getTime() - 60_000) {
        throw DomainError.validation(
          'signedAt',
          `is before the last step of the timeline (${last.at.toISOString()})`,
        );
      }
      await tx.setHandOver(
        s.id,
        {
          number: input.number,
          signedAt: input.signedAt,
          signedBy: input.signedBy,
          recordedBy: actor.id,
          postageVnd: input.postageVnd,
        },
        now,
      );
      await tx.move(
        s.id,
        {
          status: ShipmentStatus.HandedToPost,
          at: input.signedAt,
          actorId: actor.id,
          source: 'desk',
          note: `Biên bản giao nhận số ${input.number}`,
        },
        now,
      );
    });
  }

  /** One step of the timeline (carrier scans reported by the desk or the carrier). */
  async move(id: string, input: ShipmentMoveInput, actor: Actor): Promise<ShipmentView> {
    const now = this.clock.now();
    const at = input.at ?? now;
    this.assertNotFuture(at, now, 'at');
    return this.locked(id, actor, input.version, async (s, tx) => {
      assertShipmentMove(
        s.direction as ShipmentDirection,
        s.status as ShipmentStatus,
        input.status,
        toShipmentView(s),
      );
      if (
        input.status === ShipmentStatus.HandedToPost ||
        input.status === ShipmentStatus.HandedOver
      ) {
        throw DomainError.validation(
          'status',
          'a hand-over is recorded with its record: POST /postal/shipments/{id}/hand-over',
        );
      }
      const last = s.events.at(-1);
      if (last && at.getTime() < last.at.getTime()) {
        throw DomainError.validation(
          'at',
          `is before the last step of the timeline (${last.at.toISOString()})`,
        );
      }
      await tx.move(
        s.id,
        { status: input.status, at, actorId: actor.id, source: 'desk', note: input.note ?? null },
        now,
      );
    });
  }

  /** Adds a range of S10 codes the post office assigned to the Department. */
  async addRangeToPool(range: {
    service: string;
    firstSerial: number;
    count: number;
    country?: string;
  }) {
    if (range.count < 1 || range.count > MAX_POOL_IMPORT) {
      throw DomainError.validation('count', `must be 1 to ${MAX_POOL_IMPORT}`);
    }
    if (range.firstSerial + range.count - 1 > 99_999_999) {
      throw DomainError.validation('count', 'the range goes past serial 99999999');
    }
    const codes = Array.from({ length: range.count }, (_, i) =>
      trackingCode(range.service, range.firstSerial + i, range.country ?? 'VN'),
    );
    const added = await this.shipments.addToPool(codes);
    return { added, alreadyThere: codes.length - added, ...(await this.shipments.poolCounts()) };
  }

  poolCounts() {
    return this.shipments.poolCounts();
  }

  private async locked(
    id: string,
    actor: Actor,
    version: number | undefined,
    work: (s: ShipmentRecord, tx: ShipmentTransaction) => Promise<void>,
  ): Promise<ShipmentView> {
    await this.shipments.withLocked(id, async (s, tx) => {
      if (!s) {
        throw DomainError.notFound('shipment', id);
      }
      const app = await this.application(s.applicationId);
      assertCanActOnApplication(actor, placeOf(app));
      if (version !== undefined && version !== s.version) {
        throw new DomainError(
          DomainErrorCode.StaleVersion,
          `The shipment has changed (version ${s.version}, you sent ${version}); reload it`,
          [{ field: 'version', reason: `is ${version}, current is ${s.version}` }],
          toShipmentView(s),
        );
      }
      await work(s, tx);
    });
    return toShipmentView((await this.shipments.findById(id))!);
  }

  private assertNotFuture(at: Date, now: Date, field: string): void {
    if (at.getTime() > now.getTime() + SIGNATURE_CLOCK_SKEW_MS) {
      throw DomainError.validation(field, 'is in the future');
    }
  }

  private async application(idOrCode: string): Promise<ApplicationRecord> {
    const app = await this.applications.findByIdOrCode(idOrCode);
    if (!app) {
      throw DomainError.notFound('application', idOrCode);
    }
    return app;
  }
}
