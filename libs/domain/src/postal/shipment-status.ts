import { DomainError, DomainErrorCode } from '../errors';

/**
 * Postal shipments (bưu chính công ích, Decision 45/2016/QĐ-TTg; domain spec §9).
 * inbound: the post office carried an applicant's dossier to the desk;
 * outbound: the desk sends the result to the applicant by post.
 */
export enum ShipmentDirection {
  Inbound = 'inbound',
  Outbound = 'outbound',
}

/** A shipment's states. The timeline is append-only: one row per move. */
export enum ShipmentStatus {
  /** Outbound: created when the result is ready; the post office is told to collect it. */
  Created = 'created',
  /** Inbound: the post office accepted the dossier from the applicant (Phiếu gửi signed). */
  AcceptedByPost = 'accepted_by_post',
  /** Outbound: the sealed result handed to the post office (biên bản giao nhận signed). */
  HandedToPost = 'handed_to_post',
  InTransit = 'in_transit',
  /** Outbound: delivered to the receiver. Terminal. */
  Delivered = 'delivered',
  /** Outbound: a delivery attempt failed; a repeat delivery or a return follows. */
  DeliveryFailed = 'delivery_failed',
  /** Outbound: the post office brought the result back to the desk. Terminal. */
  ReturnedToSender = 'returned_to_sender',
  /** Inbound: handed over to the desk (biên bản giao nhận signed): the legal reception. Terminal. */
  HandedOver = 'handed_over',
  /** Outbound, before the hand-over: the applicant collected the result in person instead. */
  Cancelled = 'cancelled',
}

const S = ShipmentStatus;

/** Which move is legal from which state, per direction (one definition; the API checks it). */
export const SHIPMENT_MOVES: Record<
  ShipmentDirection,
  Partial<Record<ShipmentStatus, readonly ShipmentStatus[]>>
> = {
  [ShipmentDirection.Outbound]: {
    [S.Created]: [S.HandedToPost, S.Cancelled],
    [S.HandedToPost]: [S.InTransit, S.Delivered, S.DeliveryFailed],
    [S.InTransit]: [S.Delivered, S.DeliveryFailed],
    // A repeat delivery (paid by whoever caused it, spec §9), or back to the desk.
    [S.DeliveryFailed]: [S.InTransit, S.Delivered, S.ReturnedToSender],
  },
  [ShipmentDirection.Inbound]: {
    [S.AcceptedByPost]: [S.InTransit, S.HandedOver],
    [S.InTransit]: [S.HandedOver],
  },
};

/** The statuses a shipment of that direction can be in. */
export const SHIPMENT_STATUSES: Record<ShipmentDirection, readonly ShipmentStatus[]> = {
  [ShipmentDirection.Outbound]: [
    S.Created,
    S.HandedToPost,
    S.InTransit,
    S.Delivered,
    S.DeliveryFailed,
    S.ReturnedToSender,
    S.Cancelled,
  ],
  [ShipmentDirection.Inbound]: [S.AcceptedByPost, S.InTransit, S.HandedOver],
};

/** Outbound states in which the result is in the post office's hands (the return happened). */
export const RESULT_WITH_POST: readonly ShipmentStatus[] = [
  S.HandedToPost,
  S.InTransit,
  S.Delivered,
  S.DeliveryFailed,
];

export const SHIPMENT_STATUS_LABEL_VI: Record<ShipmentStatus, string> = {
  [S.Created]: 'Chờ bưu điện nhận',
  [S.AcceptedByPost]: 'Bưu điện đã nhận hồ sơ',
  [S.HandedToPost]: 'Đã giao cho bưu điện',
  [S.InTransit]: 'Đang vận chuyển',
  [S.Delivered]: 'Đã phát thành công',
  [S.DeliveryFailed]: 'Phát không thành công',
  [S.ReturnedToSender]: 'Đã chuyển hoàn',
  [S.HandedOver]: 'Đã bàn giao cho Bộ phận Một cửa',
  [S.Cancelled]: 'Đã hủy',
};

export function canMoveShipment(
  direction: ShipmentDirection,
  from: ShipmentStatus,
  to: ShipmentStatus,
): boolean {
  return (SHIPMENT_MOVES[direction][from] ?? []).includes(to);
}

/** Throws ILLEGAL_TRANSITION (409 with `current`) when the move is not allowed. */
export function assertShipmentMove(
  direction: ShipmentDirection,
  from: ShipmentStatus,
  to: ShipmentStatus,
  current?: unknown,
): void {
  if (!canMoveShipment(direction, from, to)) {
    const allowed = SHIPMENT_MOVES[direction][from] ?? [];
    throw new DomainError(
      DomainErrorCode.IllegalTransition,
      `an ${direction} shipment in status ${from} cannot move to ${to}`,
      [
        {
          field: 'status',
          reason:
            allowed.length === 0
              ? `${from} is final`
              : `from ${from} only ${allowed.join(', ')} may follow`,
        },
      ],
      current,
    );
  }
}
