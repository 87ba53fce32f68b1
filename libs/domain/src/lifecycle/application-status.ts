/**
 * Application states (domain spec section 2). Values are persisted and sent to clients:
 * never rename one without a data migration.
 */
export enum ApplicationStatus {
  Submitted = 'submitted',
  /**
   * Turned away at the desk with guidance on what is missing (spec §2, Mẫu 02): never received,
   * so no clock, no appointment and no K1; the applicant may come back and be received.
   */
  IncompleteAtDesk = 'incomplete_at_desk',
  Received = 'received',
  NotAccepted = 'not_accepted',
  Processing = 'processing',
  SupplementRequested = 'supplement_requested',
  PaymentRequired = 'payment_required',
  WithdrawalRequested = 'withdrawal_requested',
  Stopped = 'stopped',
  ResultReady = 'result_ready',
  ResultReturned = 'result_returned',
}

/**
 * Status codes of the National Public Service Portal (DVCQG). null: the status has no national
 * code (spec §2: "incomplete at the desk") and is not sent to the portal.
 */
export const PORTAL_STATUS_CODE: Record<ApplicationStatus, number | null> = {
  [ApplicationStatus.Submitted]: 1,
  [ApplicationStatus.IncompleteAtDesk]: null,
  [ApplicationStatus.Received]: 2,
  [ApplicationStatus.NotAccepted]: 3,
  [ApplicationStatus.Processing]: 4,
  [ApplicationStatus.SupplementRequested]: 5,
  [ApplicationStatus.PaymentRequired]: 6,
  [ApplicationStatus.WithdrawalRequested]: 7,
  [ApplicationStatus.Stopped]: 8,
  [ApplicationStatus.ResultReady]: 9,
  [ApplicationStatus.ResultReturned]: 10,
};

/** The DVCQG wording of each status, shown to citizens. */
export const STATUS_LABEL_VI: Record<ApplicationStatus, string> = {
  [ApplicationStatus.Submitted]: 'Mới đăng ký',
  [ApplicationStatus.IncompleteAtDesk]: 'Chưa đủ hồ sơ, đã hướng dẫn bổ sung',
  [ApplicationStatus.Received]: 'Được tiếp nhận',
  [ApplicationStatus.NotAccepted]: 'Không được tiếp nhận',
  [ApplicationStatus.Processing]: 'Đang xử lý',
  [ApplicationStatus.SupplementRequested]: 'Yêu cầu bổ sung giấy tờ',
  [ApplicationStatus.PaymentRequired]: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  [ApplicationStatus.WithdrawalRequested]: 'Công dân yêu cầu rút hồ sơ',
  [ApplicationStatus.Stopped]: 'Dừng xử lý',
  [ApplicationStatus.ResultReady]: 'Đã xử lý xong',
  [ApplicationStatus.ResultReturned]: 'Đã trả kết quả',
};

export const TERMINAL_STATUSES: readonly ApplicationStatus[] = [
  ApplicationStatus.NotAccepted,
  ApplicationStatus.Stopped,
  ApplicationStatus.ResultReturned,
];

/**
 * Received and not yet finished: the deadline clock matters. The ONE list of open statuses:
 * SQL gets it through libs/database's sqlStatusList, partial indexes are checked against it
 * by a test (test/integration/status-sets.int-spec.ts).
 */
export const OPEN_STATUSES: readonly ApplicationStatus[] = [
  ApplicationStatus.Received,
  ApplicationStatus.Processing,
  ApplicationStatus.SupplementRequested,
  ApplicationStatus.PaymentRequired,
  ApplicationStatus.WithdrawalRequested,
];

export function isOpen(status: ApplicationStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** The rules that decide whether waiting for the applicant stops the deadline clock. */
export interface ClockPauseRules {
  /** Waiting for a fee or tax (status 6) pauses the clock (spec: unconfirmed; configuration). */
  paymentPausesClock: boolean;
}

/**
 * Open statuses in which the clock is paused: the agency waits for the applicant, so the
 * application is never "overdue" while in one (at-risk lists, filters, reminders, escalations).
 * A supplement request always pauses (spec §3.4); a payment request only when configured.
 */
export function pausedStatuses(rules: ClockPauseRules): readonly ApplicationStatus[] {
  return rules.paymentPausesClock
    ? [ApplicationStatus.SupplementRequested, ApplicationStatus.PaymentRequired]
    : [ApplicationStatus.SupplementRequested];
}

/** Open statuses whose clock runs: the ones that can be due soon or overdue. */
export function runningClockStatuses(rules: ClockPauseRules): readonly ApplicationStatus[] {
  const paused = pausedStatuses(rules);
  return OPEN_STATUSES.filter((status) => !paused.includes(status));
}

export enum Channel {
  Direct = 'direct',
  Online = 'online',
  Postal = 'postal',
}

/** DVCQG channel codes (kênh thực hiện). */
export const PORTAL_CHANNEL_CODE: Record<Channel, number> = {
  [Channel.Direct]: 1,
  [Channel.Online]: 2,
  [Channel.Postal]: 3,
};
