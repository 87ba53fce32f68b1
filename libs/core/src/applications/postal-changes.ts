// The lifecycle's postal rules (Decision 45/2016/QĐ-TTg): a receive by post, a return by post.
import {
  Channel,
  DomainError,
  DomainErrorCode,
  postalReceptionTime,
  RESULT_WITH_POST,
  ShipmentStatus,
} from '@app/domain';
import { ApplicationTransaction } from '@app/database';
import type { PlannedChanges, TransitionContext } from './transition-changes';

/**
 * The reception time of a receive: now, or — for a dossier that came by post — the signature
 * of the hand-over record with the post office (Decision 45/2016/QĐ-TTg), bounded.
 */
export function receptionTime(ctx: TransitionContext): Date {
  const signedAt = ctx.input.handOverSignedAt;
  if (signedAt === undefined) {
    return ctx.now;
  }
  if ((ctx.record.channel as Channel) !== Channel.Postal) {
    throw DomainError.validation(
      'handOverSignedAt',
      'only a dossier received by post has a hand-over record',
    );
  }
  return postalReceptionTime({
    signedAt,
    now: ctx.now,
    maxAgeDays: ctx.postal.handOverMaxAgeDays,
    field: 'handOverSignedAt',
  });
}

/**
 * Returning the result (status 10). By post, when the application has an outbound shipment
 * (the applicant chose the result by post): the return is the hand-over of the sealed result to
 * the post office, so the shipment must carry its hand-over record first; the history names
 * the tracking code. The delivery itself is the shipment's timeline, not a lifecycle step.
 */
export async function returnResult(
  ctx: TransitionContext,
  tx: ApplicationTransaction,
): Promise<PlannedChanges> {
  const { record: r, input, now } = ctx;
  const deliveryChannel = input.deliveryChannel ?? Channel.Direct;
  const byPost = deliveryChannel === Channel.Postal;
  const shipment = await tx.outboundShipment(r.id);
  const status = shipment?.status as ShipmentStatus | undefined;
  const withPost = status !== undefined && RESULT_WITH_POST.includes(status);
  if (shipment && byPost !== withPost) {
    throw new DomainError(
      DomainErrorCode.IllegalTransition,
      byPost
        ? `the result has not been handed to the post office yet (shipment ${shipment.trackingCode} is ${shipment.status})`
        : `the result is with the post office (shipment ${shipment.trackingCode} is ${shipment.status})`,
      [
        {
          field: 'deliveryChannel',
          reason: byPost
            ? `record the hand-over of shipment ${shipment.trackingCode} to the post office first`
            : `the result went by post: return it with deliveryChannel postal`,
        },
      ],
      ctx.current(),
    );
  }
  // Collected in person although the applicant had asked for the post: no shipment any more.
  const cancelled = shipment && !byPost && status === ShipmentStatus.Created ? shipment : null;
  return {
    changes: { returnedAt: now, resultDeliveryChannel: deliveryChannel },
    data: {
      deliveryChannel,
      ...(shipment && byPost ? { trackingCode: shipment.trackingCode } : {}),
      ...(cancelled ? { cancelledShipment: cancelled.trackingCode } : {}),
    },
    after: cancelled ? (t) => t.cancelOutboundShipment(cancelled.id, now, ctx.actor.id) : undefined,
  };
}
