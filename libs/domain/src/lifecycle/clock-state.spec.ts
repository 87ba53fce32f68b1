import {
  ApplicationStatus as S,
  OPEN_STATUSES,
  pausedStatuses,
  runningClockStatuses,
} from './application-status';
import { ClockState, clockStateOf } from './clock-state';

// status → [clock with PAYMENT_PAUSES_CLOCK off, clock with it on]
const TABLE: Array<[S, ClockState, ClockState]> = [
  [S.Submitted, 'not_started', 'not_started'],
  [S.IncompleteAtDesk, 'not_started', 'not_started'],
  [S.NotAccepted, 'not_started', 'not_started'],
  [S.Received, 'running', 'running'],
  [S.Processing, 'running', 'running'],
  [S.SupplementRequested, 'paused', 'paused'],
  [S.PaymentRequired, 'running', 'paused'],
  [S.WithdrawalRequested, 'running', 'running'],
  [S.Stopped, 'stopped', 'stopped'],
  [S.ResultReady, 'stopped', 'stopped'],
  [S.ResultReturned, 'stopped', 'stopped'],
];

describe('clockStateOf', () => {
  it('the table names every status exactly once', () => {
    expect(TABLE.map(([status]) => status).sort()).toEqual(Object.values(S).sort());
  });

  describe.each([false, true])('paymentPausesClock %s', (paymentPausesClock) => {
    const rules = { paymentPausesClock };

    it.each(TABLE)('%s → off: %s, on: %s', (status, off, on) => {
      expect(clockStateOf(status, rules)).toBe(paymentPausesClock ? on : off);
    });

    it('agrees with pausedStatuses and runningClockStatuses (the lists SQL uses)', () => {
      for (const status of Object.values(S)) {
        const clock = clockStateOf(status, rules);
        expect([status, clock === 'paused']).toEqual([
          status,
          pausedStatuses(rules).includes(status),
        ]);
        expect([status, clock === 'running']).toEqual([
          status,
          runningClockStatuses(rules).includes(status),
        ]);
        expect([status, clock === 'running' || clock === 'paused']).toEqual([
          status,
          OPEN_STATUSES.includes(status),
        ]);
      }
    });
  });
});
