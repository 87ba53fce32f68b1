import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ShipmentDirection, ShipmentStatus, toCarrierOrder } from '@app/domain';
import { DispatchTarget, PostalShipmentRepository, ShipmentRecord } from '@app/database';
import type { OutboxEventMessage } from '@app/messaging';
import { Clock } from '../clock/clock';
import { createMailTransport } from '../notifications/mail-transport';
import { Carrier, CarrierCallFailed } from './carrier.port';
import { emptyPool } from './postal-intake.service';
import { resultByPostMail } from './postal-mail';

export interface PostalDispatchOutcome {
  outcome: 'not_requested' | 'dispatched';
  trackingCode?: string;
  citizen?: 'mailed' | 'already_mailed' | 'no_email';
  postOffice?: 'announced' | 'already_announced' | 'carrier_not_configured';
}

/** A dispatch that did not complete; `permanent`: retrying cannot help. */
export class PostalDispatchFailed extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * When a result is ready for an applicant who chose the result by post (spec §9): creates the
 * outbound shipment (a tracking code from the pool), e-mails the applicant, and announces the
 * consignment to the post office through the carrier port, so it comes to collect it. Runs from
 * the outbox (never inside the lifecycle transaction); every step is idempotent, so a retried
 * job finishes what an earlier attempt left: one shipment, one e-mail, one announcement.
 */
@Injectable()
export class PostalDispatchService implements OnModuleDestroy {
  private readonly logger = new Logger(PostalDispatchService.name);
  private readonly transport: Transporter;

  constructor(
    @Inject(PostalShipmentRepository) private readonly shipments: PostalShipmentRepository,
    @Inject(Carrier) private readonly carrier: Carrier,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transport = createMailTransport(config.mail);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  async handle(message: OutboxEventMessage): Promise<PostalDispatchOutcome> {
    const target = await this.shipments.dispatchTarget(message.payload.applicationId);
    if (!target?.request) {
      return { outcome: 'not_requested' };
    }
    const shipment = target.outbound ?? (await this.createOutbound(target));
    const citizen = await this.mailCitizen(message.eventId, target, shipment);
    const postOffice = await this.announce(message.eventId, target, shipment);
    return { outcome: 'dispatched', trackingCode: shipment.trackingCode, citizen, postOffice };
  }

  private async createOutbound(target: DispatchTarget): Promise<ShipmentRecord> {
    const now = this.clock.now();
    const id = randomUUID();
    await this.shipments.transaction(async (manager) => {
      // Two deliveries of the event at once: the second finds the first's shipment.
      if (await this.shipments.liveOutbound(manager, target.applicationId)) {
        return;
      }
      const code = await this.shipments.allocateCode(manager, now);
      if (code === null) {
        throw emptyPool(); // retried: the desk can fill the pool meanwhile
      }
      await this.shipments.insert(manager, {
        id,
        applicationId: target.applicationId,
        direction: ShipmentDirection.Outbound,
        trackingCode: code,
        status: ShipmentStatus.Created,
        sender: {
          name: this.config.organization.name,
          phone: '',
          street: '',
          commune: '',
          district: null,
          province: this.config.organization.provinceName,
        },
        receiver: target.request!.receiver,
        postageVnd: target.request!.postageVnd,
        codVnd: 0,
        handOver: null,
        carrierState: 'pending',
        at: now,
        events: [
          {
            status: ShipmentStatus.Created,
            at: now,
            actorId: null,
            source: 'system',
            note: 'Kết quả đã có; chờ bưu điện đến nhận',
          },
        ],
      });
    });
    return (await this.shipments.liveOutbound(null, target.applicationId))!;
  }

  private async mailCitizen(
    eventId: string,
    target: DispatchTarget,
    shipment: ShipmentRecord,
  ): Promise<PostalDispatchOutcome['citizen']> {
    if (!target.applicantEmail) {
      return 'no_email';
    }
    if (await this.shipments.wasNoticed(eventId, 'citizen')) {
      return 'already_mailed';
    }
    const mail = resultByPostMail({
      fullName: target.applicantFullName,
      code: target.code,
      procedureName: target.procedureName,
      trackingCode: shipment.trackingCode,
      receiver: shipment.receiver,
      statusUrl: `${this.config.api.publicBaseUrl}/app/tra-cuu?code=${encodeURIComponent(target.code)}`,
    });
    await this.transport.sendMail({
      from: this.config.mail.from,
      to: target.applicantEmail,
      ...mail,
    });
    await this.shipments.recordNotice(eventId, 'citizen', target.applicationId, this.clock.now());
    return 'mailed';
  }

  private async announce(
    eventId: string,
    target: DispatchTarget,
    shipment: ShipmentRecord,
  ): Promise<PostalDispatchOutcome['postOffice']> {
    if (shipment.carrierState === 'acknowledged') {
      return 'already_announced';
    }
    if (!this.carrier.configured) {
      return 'carrier_not_configured'; // stays pending; visible on the shipment
    }
    const order = toCarrierOrder({
      trackingCode: shipment.trackingCode,
      customerCode: this.config.postal.carrier.customerCode,
      applicationCode: target.code,
      procedureName: target.procedureName,
      sender: { name: this.config.organization.name, address: null },
      receiver: shipment.receiver,
      postageVnd: shipment.postageVnd,
      codVnd: shipment.codVnd,
    });
    try {
      await this.carrier.announce(order);
    } catch (error) {
      const permanent = error instanceof CarrierCallFailed && error.permanent;
      const text = (error as Error).message;
      await this.shipments.setCarrierState(
        shipment.id,
        permanent ? 'failed' : 'pending',
        text,
        true,
      );
      if (permanent) {
        this.logger.warn(`consignment ${shipment.trackingCode} refused by the carrier: ${text}`);
      }
      throw new PostalDispatchFailed(text, permanent);
    }
    // The notice first: a shipment shown acknowledged always has its notice recorded.
    await this.shipments.recordNotice(
      eventId,
      'post_office',
      target.applicationId,
      this.clock.now(),
    );
    await this.shipments.setCarrierState(shipment.id, 'acknowledged', null, true);
    return 'announced';
  }
}
