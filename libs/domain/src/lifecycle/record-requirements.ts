import { DomainError } from '../errors';
import { TransitionAction as A } from './transition-action';

/** What an action's record must hold (issue 15, point 10): the facts an inspector asks for. */
export interface RecordFacts {
  reason?: string;
  items?: string[];
  amountVnd?: number;
}

type Fact = keyof RecordFacts;

/**
 * Facts each action must record, with the reason given when one is missing. Data, so a new
 * requirement is one line; actions not listed need none beyond their own validation.
 */
export const RECORD_REQUIREMENTS: Partial<Record<A, ReadonlyArray<[Fact, string]>>> = {
  [A.ReceiveSupplement]: [['items', 'list what the supplement brought (at least one item)']],
  [A.RequirePayment]: [['amountVnd', 'the amount to pay, in whole đồng (at least 1)']],
  [A.RequestWithdrawal]: [['reason', "the applicant's reason for withdrawing is required"]],
};

function present(fact: Fact, input: RecordFacts): boolean {
  switch (fact) {
    case 'reason':
      return typeof input.reason === 'string' && input.reason.trim() !== '';
    case 'items':
      return (
        Array.isArray(input.items) &&
        input.items.length > 0 &&
        input.items.every((i) => typeof i === 'string' && i.trim() !== '')
      );
    case 'amountVnd':
      return Number.isInteger(input.amountVnd) && (input.amountVnd ?? 0) >= 1;
  }
}

/** Refuses (400, naming the field) an action whose record would miss a required fact. */
export function assertRecordComplete(action: A, input: RecordFacts): void {
  for (const [fact, reason] of RECORD_REQUIREMENTS[action] ?? []) {
    if (!present(fact, input)) {
      throw DomainError.validation(fact, reason);
    }
  }
}
