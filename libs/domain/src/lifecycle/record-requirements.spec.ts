import { DomainError } from '../errors';
import { TransitionAction as A } from './transition-action';
import { assertRecordComplete, type RecordFacts } from './record-requirements';

const fieldOf = (action: A, input: RecordFacts): string | null => {
  try {
    assertRecordComplete(action, input);
    return null;
  } catch (error) {
    return (error as DomainError).details[0]?.field ?? 'no field';
  }
};

describe('assertRecordComplete: the facts each act must leave in the record', () => {
  it.each([
    [A.ReceiveSupplement, {}, 'items'],
    [A.ReceiveSupplement, { items: [] }, 'items'],
    [A.ReceiveSupplement, { items: ['  '] }, 'items'],
    [A.ReceiveSupplement, { items: ['Bản sao CCCD'] }, null],
    [A.RequirePayment, {}, 'amountVnd'],
    [A.RequirePayment, { amountVnd: 0 }, 'amountVnd'],
    [A.RequirePayment, { amountVnd: 1.5 }, 'amountVnd'],
    [A.RequirePayment, { amountVnd: 150_000 }, null],
    [A.RequestWithdrawal, {}, 'reason'],
    [A.RequestWithdrawal, { reason: ' ' }, 'reason'],
    [A.RequestWithdrawal, { reason: 'Công dân đề nghị rút hồ sơ' }, null],
    [A.Start, {}, null],
    [A.ConfirmPayment, {}, null],
  ])('%s %j → %s', (action, input, field) => {
    expect(fieldOf(action, input)).toBe(field);
  });
});
