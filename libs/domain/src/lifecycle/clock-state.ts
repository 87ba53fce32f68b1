import { ApplicationStatus, ClockPauseRules, pausedStatuses } from './application-status';

/**
 * The deadline clock of an application, as clients show it (spec §2, "Clock" column):
 * - not_started: never received (submitted, incomplete at the desk, not accepted: no clock);
 * - running: received and the agency is working on it;
 * - paused: waiting for the applicant (supplement; payment only when configured);
 * - stopped: ended (result ready or returned, stopped).
 */
export type ClockState = 'not_started' | 'running' | 'paused' | 'stopped';

export const CLOCK_STATES: readonly ClockState[] = ['not_started', 'running', 'paused', 'stopped'];

const S = ApplicationStatus;

/** What the status alone says; 'open' statuses run unless the rules pause them. */
const CLOCK_BY_STATUS: Record<
  ApplicationStatus,
  Exclude<ClockState, 'paused' | 'running'> | 'open'
> = {
  [S.Submitted]: 'not_started',
  [S.IncompleteAtDesk]: 'not_started',
  [S.NotAccepted]: 'not_started',
  [S.Received]: 'open',
  [S.Processing]: 'open',
  [S.SupplementRequested]: 'open',
  [S.PaymentRequired]: 'open',
  [S.WithdrawalRequested]: 'open',
  [S.Stopped]: 'stopped',
  [S.ResultReady]: 'stopped',
  [S.ResultReturned]: 'stopped',
};

/** The clock state of an application in `status` under the configured pause rules. */
export function clockStateOf(status: ApplicationStatus, rules: ClockPauseRules): ClockState {
  const byStatus = CLOCK_BY_STATUS[status];
  if (byStatus !== 'open') {
    return byStatus;
  }
  return pausedStatuses(rules).includes(status) ? 'paused' : 'running';
}
