import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  Actor,
  ApplicationStatus,
  Channel,
  DomainError,
  DomainErrorCode,
  isValidTrackingCode,
  postalReceptionTime,
  ShipmentDirection,
  ShipmentStatus,
} from '@app/domain';
import {
  ApplicationRepository,
  PostalAddress,
  PostalShipmentRepository,
  ProcedureRepository,
} from '@app/database';
import { IntakeCommand, IntakeService } from '../applications/intake.service';
import { ApplicationView, toApplicationView } from '../applications/application.view';
import { Clock } from '../clock/clock';
import { ShipmentView, toShipmentView } from './shipment.view';

export interface HandOverInput {
  /** The number of the biên bản giao nhận. */
  number: string;
  /** When the post office and the desk signed it: the legal reception time. */
  signedAt: Date;
  /** The post office's signatory. */
  signedBy: string;
}

export interface PostalIntakeCommand extends Pick<
  IntakeCommand,
  'procedureCode' | 'applicant' | 'documents' | 'checklist' | 'note'
> {
  /** The applicant's address as on the Phiếu gửi. */
  sender: PostalAddress;
  /** The code on the envelope; omitted: one is taken from the Department's pool. */
  trackingCode?: string;
  /** When the post office accepted the dossier from the applicant (Phiếu gửi). */
  acceptedByPostAt?: Date;
  handOver: HandOverInput;
  postageVnd?: number;
  /** The applicant asks for the result by post, to this address. */
  returnByPost?: { receiver: PostalAddress; postageVnd?: number };
}

export interface PostalIntakeResult {
  application: ApplicationView;
  shipment: ShipmentView;
}

/**
 * A dossier received by post (Decision 45/2016/QĐ-TTg, domain spec §9): the application is
 * received as of the hand-over record's signature — not as of the moment the desk logs it —
 * so its appointment and its K1 clock start there. The application, its inbound shipment with
 * the hand-over record and timeline, and the applicant's choice of a result by post are
 * written in one transaction.
 */
@Injectable()
export class PostalIntakeService {
  constructor(
    @Inject(IntakeService) private readonly intake: IntakeService,
    @Inject(ApplicationRepository) private readonly applications: ApplicationRepository,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
    @Inject(PostalShipmentRepository) private readonly shipments: PostalShipmentRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async receiveByPost(command: PostalIntakeCommand, actor: Actor): Promise<PostalIntakeResult> {
    const procedure = await this.procedures.findCurrent(command.procedureCode);
    if (!procedure) {
      throw DomainError.validation(
        'procedureCode',
        `no current procedure has code ${command.procedureCode}`,
      );
    }
    if (!procedure.postalIntake) {
      throw DomainError.validation(
        'procedureCode',
        'this procedure does not accept dossiers by post',
      );
    }
    if (command.returnByPost && !procedure.postalReturn) {
      throw DomainError.validation('returnByPost', 'this procedure does not send results by post');
    }
    if (command.trackingCode !== undefined && !isValidTrackingCode(command.trackingCode)) {
      throw DomainError.validation(
        'trackingCode',
        'must be an S10 code such as RR473124829VN (two letters, nine digits with a valid check digit, two letters)',
      );
    }
    const now = this.clock.now();
    const receivedAt = postalReceptionTime({
      signedAt: command.handOver.signedAt,
      now,
      maxAgeDays: this.config.postal.handOverMaxAgeDays,
    });
    if (command.acceptedByPostAt && command.acceptedByPostAt.getTime() > receivedAt.getTime()) {
      throw DomainError.validation('acceptedByPostAt', 'is after the hand-over record was signed');
    }
    // Prepared before the transaction, which must not need a second pool connection.
    const prepared = await this.intake.prepare(
      {
        procedureCode: command.procedureCode,
        channel: Channel.Postal,
        status: ApplicationStatus.Received,
        applicant: command.applicant,
        documents: command.documents,
        checklist: command.checklist,
        note: command.note,
      },
      actor,
      { receivedAt },
    );
    const shipmentId = randomUUID();
    const record = await this.shipments.transaction(async (manager) => {
      const inserted = await this.applications.insert(prepared, manager);
      const trackingCode = await this.trackingCodeFor(manager, command.trackingCode, now);
      await this.shipments.insert(manager, {
        id: shipmentId,
        applicationId: inserted.id,
        direction: ShipmentDirection.Inbound,
        trackingCode,
        status: ShipmentStatus.HandedOver,
        sender: command.sender,
        receiver: this.desk(),
        postageVnd: command.postageVnd ?? 0,
        codVnd: 0,
        handOver: { ...command.handOver, signedAt: receivedAt, recordedBy: actor.id },
        carrierState: 'not_needed',
        at: now,
        events: [
          ...(command.acceptedByPostAt
            ? [
                {
                  status: ShipmentStatus.AcceptedByPost,
                  at: command.acceptedByPostAt,
                  actorId: actor.id,
                  source: 'desk' as const,
                  note: 'Bưu điện nhận hồ sơ từ người nộp (Phiếu gửi)',
                },
              ]
            : []),
          {
            status: ShipmentStatus.HandedOver,
            at: receivedAt,
            actorId: actor.id,
            source: 'desk',
            note: `Biên bản giao nhận số ${command.handOver.number}`,
          },
        ],
      });
      if (command.returnByPost) {
        await this.shipments.saveReturnRequest(manager, {
          applicationId: inserted.id,
          receiver: command.returnByPost.receiver,
          postageVnd: command.returnByPost.postageVnd ?? 0,
          requestedAt: now,
          requestedBy: actor.id,
        });
      }
      return inserted;
    });
    // Written in this transaction: wake the outbox relay now that it has committed.
    this.applications.signalOutbox();
    const shipment = await this.shipments.findById(shipmentId);
    return {
      application: toApplicationView(record, this.config.rules, actor),
      shipment: toShipmentView(shipment!),
    };
  }

  /** The envelope's code (taken out of the pool if it is one of ours), or the pool's next. */
  private async trackingCodeFor(
    manager: Parameters<PostalShipmentRepository['allocateCode']>[0],
    given: string | undefined,
    at: Date,
  ): Promise<string> {
    if (given !== undefined) {
      await this.shipments.claimCode(manager, given, at);
      return given;
    }
    const code = await this.shipments.allocateCode(manager, at);
    if (code === null) {
      throw emptyPool();
    }
    return code;
  }

  private desk(): PostalAddress {
    return {
      name: `Bộ phận Một cửa — ${this.config.organization.name}`,
      phone: '',
      street: '',
      commune: '',
      district: null,
      province: this.config.organization.provinceName,
    };
  }
}

export function emptyPool(): DomainError {
  return new DomainError(
    DomainErrorCode.LimitReached,
    'the tracking-code pool is empty: add the codes the post office assigned (POST /postal/tracking-pool)',
    [
      {
        field: 'trackingCode',
        reason: 'no free code left in the pool; give the code on the envelope',
      },
    ],
    { free: 0 },
  );
}
