import type { DeadlineReminders } from '@app/config';
import { ApplicationEventType as E } from '../events/application-event-type';
import { PetitionEventType as P } from '../events/petition-event-type';
import { JobName } from '../job-name';

/**
 * Which consumer queue receives which event types. An event no consumer needs is still
 * marked published; adding a type here makes the relay deliver it from then on (not earlier
 * events — replay them by resetting published_at if ever needed).
 */
export interface OutboxRoute {
  job:
    | JobName.KpiApplyEvent
    | JobName.DeadlinesApplyEvent
    | JobName.PortalApplyEvent
    | JobName.CitizenMailApplyEvent
    | JobName.PostalApplyEvent
    | JobName.PetitionMailApplyEvent;
  types: ReadonlySet<string>;
  /**
   * Job ids are the event id, unique per queue: a second route on a queue already used by
   * another route prefixes its ids, or BullMQ would drop its job as a duplicate.
   */
  jobIdPrefix?: string;
  /**
   * Of the events of these types, the ones the consumer acts on, judged from the payload
   * alone: the others are not enqueued at all (a job the consumer only skips costs BullMQ,
   * Redis and the worker as much as a useful one).
   */
  accepts?: (payload: Readonly<Record<string, unknown>>) => boolean;
  /**
   * The events of one relay batch go to this consumer in one job (see outboxJobs). For the
   * consumers that apply events in groups anyway and are idempotent by consumed_events: at a
   * desk's peak a job per event cost BullMQ, Redis and the worker more than the consumer's work.
   */
  batched?: boolean;
}

export const OUTBOX_ROUTES: readonly OutboxRoute[] = [
  {
    // Every event that can change an application's indicators (libs/domain KPI_FACT_ACTIONS;
    // a test in libs/core checks the two agree): the consumer recomputes the application.
    job: JobName.KpiApplyEvent,
    batched: true,
    types: new Set([
      E.Received,
      E.SupplementRequested,
      E.SupplementReceived,
      E.PaymentRequired,
      E.PaymentConfirmed,
      E.WithdrawalRequested,
      E.Stopped,
      E.ResultReady,
      E.ResultReturned,
      E.Apologized,
    ]),
  },
  {
    // Only while reminders are delayed jobs (DEADLINE_REMINDERS=jobs): see outboxRoutesFor.
    job: JobName.DeadlinesApplyEvent,
    batched: true,
    // handed_over: the new step's own due-soon / overdue reminders (liên thông).
    types: new Set([E.Received, E.SupplementReceived, E.Apologized, E.HandedOver]),
  },
  {
    // Every change reaches the national portal: a status, an appointment, a progress row.
    // Batched: the records in one statement, then a re-send job per dossier (own retries).
    job: JobName.PortalApplyEvent,
    batched: true,
    types: new Set(Object.values(E)),
  },
  {
    // The applicant of an online application is e-mailed at each of these steps (spec §7);
    // a desk or postal application has nobody to e-mail (CitizenMailService checks it too).
    // Batched: a job per online event was most of Redis's and the maintenance queue's work at a
    // desk's peak; the consumer reads the batch's targets at once, and its retry sends only
    // what was not recorded as sent.
    job: JobName.CitizenMailApplyEvent,
    batched: true,
    accepts: (payload) => payload.channel === 'online',
    types: new Set([
      E.Submitted,
      E.Received,
      E.Refused,
      E.SupplementRequested,
      E.ResultReady,
      E.Stopped,
    ]),
  },
  {
    // A result ready for an applicant who chose the result by post: the shipment is created,
    // the applicant and the post office are told (the consumer skips the others).
    job: JobName.PostalApplyEvent,
    types: new Set([E.ResultReady]),
    // Shares the maintenance queue with the citizen e-mails, keyed by the same event ids.
    jobIdPrefix: 'postal',
  },
  {
    // A petition's steps that concern the petitioner: they are e-mailed when they gave an address.
    job: JobName.PetitionMailApplyEvent,
    types: new Set(Object.values(P)),
    jobIdPrefix: 'petition-mail',
  },
];

/**
 * The routes the relay uses. With DEADLINE_REMINDERS=sweep (the default) the deadlines consumer
 * gets nothing: the every-minute sweep raises each reminder from the applications' due dates,
 * so no job per intake and no delayed job per open application in Redis.
 */
export function outboxRoutesFor(reminders: DeadlineReminders): readonly OutboxRoute[] {
  return reminders === 'jobs'
    ? OUTBOX_ROUTES
    : OUTBOX_ROUTES.filter((route) => route.job !== JobName.DeadlinesApplyEvent);
}
