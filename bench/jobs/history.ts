import { generatedHistory } from '../metrics/k1-facts';

/**
 * The history rows bench:jobs seeds for an application of the generated data set: the very
 * lines the generator handed to `kpiApplicationFacts` (generatedHistory), rebuilt from the
 * application's row, so that the KPI reconciliation recomputes exactly the facts and K1
 * segments the generator stored (a check in run.ts proves it on a sample before the job runs).
 */
export interface GeneratedApplicationRow {
  id: string;
  channel: string;
  receivedAt: Date;
  originalDueAt: Date | null;
  apologyCount: number;
  supplementRequestedAt: Date | null;
  paymentRequestedAt: Date | null;
  withdrawalRequestedAt: Date | null;
  resultReadyAt: Date | null;
  returnedAt: Date | null;
  stoppedAt: Date | null;
  stopReason: string | null;
}

export interface SeededHistoryRow {
  applicationId: string;
  at: Date;
  action: string;
  toStatus: string;
  payload: Record<string, string>;
}

/** The generator puts an apology letter two hours before the original appointment. */
export const APOLOGY_BEFORE_APPOINTMENT_MS = 2 * 3_600_000;

const TO_STATUS: Record<string, string> = {
  receive: 'received',
  'request-supplement': 'supplement_requested',
  'require-payment': 'payment_required',
  'request-withdrawal': 'withdrawal_requested',
  apologize: 'processing',
  'mark-result-ready': 'result_ready',
  'return-result': 'result_returned',
  stop: 'stopped',
};

export function historyRowsOf(app: GeneratedApplicationRow): SeededHistoryRow[] {
  const ms = (d: Date | null) => (d === null ? null : d.getTime());
  const lines = generatedHistory({
    receivedAt: app.receivedAt.getTime(),
    channel: app.channel,
    apologyAt:
      app.apologyCount > 0 && app.originalDueAt
        ? app.originalDueAt.getTime() - APOLOGY_BEFORE_APPOINTMENT_MS
        : null,
    supplementAt: ms(app.supplementRequestedAt),
    paymentAt: ms(app.paymentRequestedAt),
    withdrawalAt: ms(app.withdrawalRequestedAt),
    resultAt: ms(app.resultReadyAt),
    returnedAt: ms(app.returnedAt),
    stoppedAt: ms(app.stoppedAt),
    stopReason: app.stopReason,
  });
  return lines.map((line) => {
    const payload: Record<string, string> = {};
    if (line.stopReason) {
      payload.stopReason = line.stopReason;
    }
    if (line.deliveryChannel) {
      payload.deliveryChannel = line.deliveryChannel;
    }
    // signatureVerified false is what signedResultSql reads when the key is absent.
    return {
      applicationId: app.id,
      at: line.at,
      action: line.action,
      toStatus: TO_STATUS[line.action] ?? 'processing',
      payload,
    };
  });
}
