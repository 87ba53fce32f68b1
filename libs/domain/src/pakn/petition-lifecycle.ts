import { DomainError, DomainErrorCode } from '../errors';

/**
 * PAKN states (domain spec §8, Decree 20/2008). Values are persisted and sent to clients:
 * never rename one without a data migration.
 */
export enum PetitionStatus {
  Received = 'received',
  NotAccepted = 'not_accepted',
  ClarificationRequested = 'clarification_requested',
  Forwarded = 'forwarded',
  InProgress = 'in_progress',
  Answered = 'answered',
  Published = 'published',
}

export enum PetitionAction {
  Refuse = 'refuse',
  RequestClarification = 'request-clarification',
  Forward = 'forward',
  Start = 'start',
  Answer = 'answer',
  Publish = 'publish',
}

export const PETITION_STATUS_LABEL_VI: Record<PetitionStatus, string> = {
  [PetitionStatus.Received]: 'Đã tiếp nhận',
  [PetitionStatus.NotAccepted]: 'Không được tiếp nhận xử lý',
  [PetitionStatus.ClarificationRequested]: 'Đề nghị làm rõ nội dung',
  [PetitionStatus.Forwarded]: 'Đã chuyển cơ quan có thẩm quyền',
  [PetitionStatus.InProgress]: 'Đang xử lý',
  [PetitionStatus.Answered]: 'Đã trả lời',
  [PetitionStatus.Published]: 'Đã công khai',
};

const S = PetitionStatus;
const A = PetitionAction;

/** Which action goes from which states to which (spec §8 steps). */
export const PETITION_LIFECYCLE: ReadonlyArray<{
  action: PetitionAction;
  from: readonly PetitionStatus[];
  to: PetitionStatus;
}> = [
  { action: A.Refuse, from: [S.Received, S.ClarificationRequested], to: S.NotAccepted },
  { action: A.RequestClarification, from: [S.Received], to: S.ClarificationRequested },
  { action: A.Forward, from: [S.Received, S.InProgress, S.Forwarded], to: S.Forwarded },
  {
    action: A.Start,
    from: [S.Received, S.ClarificationRequested, S.Forwarded],
    to: S.InProgress,
  },
  { action: A.Answer, from: [S.InProgress], to: S.Answered },
  { action: A.Publish, from: [S.Answered], to: S.Published },
];

export function planPetitionAction(
  current: PetitionStatus,
  action: PetitionAction,
): PetitionStatus {
  const rule = PETITION_LIFECYCLE.find((r) => r.action === action);
  if (!rule) {
    throw DomainError.validation('action', `unknown action ${String(action)}`);
  }
  if (!rule.from.includes(current)) {
    throw new DomainError(
      DomainErrorCode.IllegalTransition,
      `cannot ${action} a petition in status ${current}`,
      [{ field: 'status', reason: `${action} is allowed only from ${rule.from.join(', ')}` }],
      { status: current },
    );
  }
  return rule.to;
}

export function petitionActionsFrom(current: PetitionStatus): PetitionAction[] {
  return PETITION_LIFECYCLE.filter((r) => r.from.includes(current)).map((r) => r.action);
}
