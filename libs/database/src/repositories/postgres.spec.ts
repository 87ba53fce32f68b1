import { ApplicationStatus, OPEN_STATUSES } from '@app/domain';
import { sqlOpenStatusList, sqlStatusList } from './postgres';

describe('status lists for SQL', () => {
  it('quotes known statuses and refuses anything else', () => {
    expect(sqlStatusList([ApplicationStatus.Received, ApplicationStatus.Processing])).toBe(
      "('received', 'processing')",
    );
    expect(() => sqlStatusList([])).toThrow(RangeError);
    expect(() => sqlStatusList(["x') OR true --" as ApplicationStatus])).toThrow(RangeError);
  });

  it('gives the open statuses among a set as one list, in the open list order', () => {
    // One IN list: two (open AND among) were multiplied by the planner as independent.
    const running = [ApplicationStatus.WithdrawalRequested, ApplicationStatus.Processing];
    expect(sqlOpenStatusList(running)).toBe("('processing', 'withdrawal_requested')");
    expect(sqlOpenStatusList([...running, ApplicationStatus.ResultReturned])).toBe(
      "('processing', 'withdrawal_requested')",
    );
    expect(sqlOpenStatusList(OPEN_STATUSES)).toBe(sqlStatusList(OPEN_STATUSES));
    expect(() => sqlOpenStatusList([ApplicationStatus.ResultReturned])).toThrow(RangeError);
  });
});
