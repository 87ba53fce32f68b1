/**
 * Outbox event types of a petition (PAKN), aggregate_type 'petition'. Persisted contract
 * (stored in outbox_events and in jobs): values never change. Only the steps the petitioner
 * is told about are announced.
 */
export enum PetitionEventType {
  NotAccepted = 'petition.not_accepted',
  ClarificationRequested = 'petition.clarification_requested',
  Forwarded = 'petition.forwarded',
  Answered = 'petition.answered',
  Published = 'petition.published',
}

export interface PetitionEventPayload {
  petitionId: string;
  /** The step's time, ISO. */
  at: string;
  /** The step's own text: the reason, the request, the body forwarded to, or the answer. */
  detail: string | null;
}
