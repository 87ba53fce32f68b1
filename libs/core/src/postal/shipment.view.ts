import {
  SHIPMENT_MOVES,
  SHIPMENT_STATUS_LABEL_VI,
  ShipmentDirection,
  ShipmentStatus,
} from '@app/domain';
import type { PostalAddress, ShipmentRecord } from '@app/database';

export interface ShipmentEventView {
  status: string;
  statusLabel: string;
  at: string;
  recordedAt: string;
  actorName: string | null;
  source: string;
  note: string | null;
}

export interface ShipmentView {
  id: string;
  applicationId: string;
  applicationCode: string;
  direction: 'inbound' | 'outbound';
  trackingCode: string;
  status: string;
  statusLabel: string;
  version: number;
  sender: PostalAddress;
  receiver: PostalAddress;
  postageVnd: number;
  codVnd: number;
  handOver: {
    number: string;
    signedAt: string;
    signedBy: string;
    recordedAt: string | null;
  } | null;
  carrierState: string;
  carrierError: string | null;
  /** The statuses it may move to next. */
  nextStatuses: string[];
  timeline: ShipmentEventView[];
}

export function toShipmentView(r: ShipmentRecord): ShipmentView {
  const status = r.status as ShipmentStatus;
  return {
    id: r.id,
    applicationId: r.applicationId,
    applicationCode: r.applicationCode,
    direction: r.direction,
    trackingCode: r.trackingCode,
    status: r.status,
    statusLabel: SHIPMENT_STATUS_LABEL_VI[status] ?? r.status,
    version: r.version,
    sender: r.sender,
    receiver: r.receiver,
    postageVnd: r.postageVnd,
    codVnd: r.codVnd,
    handOver: r.handOver && {
      number: r.handOver.number,
      signedAt: r.handOver.signedAt.toISOString(),
      signedBy: r.handOver.signedBy,
      recordedAt: r.handOver.recordedAt?.toISOString() ?? null,
    },
    carrierState: r.carrierState,
    carrierError: r.carrierError,
    nextStatuses: [...(SHIPMENT_MOVES[r.direction as ShipmentDirection][status] ?? [])],
    timeline: r.events.map((e) => ({
      status: e.status,
      statusLabel: SHIPMENT_STATUS_LABEL_VI[e.status as ShipmentStatus] ?? e.status,
      at: e.at.toISOString(),
      recordedAt: e.recordedAt.toISOString(),
      actorName: e.actorName,
      source: e.source,
      note: e.note,
    })),
  };
}
