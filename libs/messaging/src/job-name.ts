import type { JobsOptions } from 'bullmq';
import type { ApplicationEventPayload } from './events/application-event-type';
import type { PetitionEventPayload } from './events/petition-event-type';
import { QueueName } from './queue-name';

/**
 * BullMQ job names. Persisted contract: stored with every waiting, delayed and failed job and
 * switched on by the processors, so values must never change without a migration plan.
 * Never derive them from class names.
 */
export enum JobName {
  KpiApplyEvent = 'kpi.apply-event',
  DeadlinesApplyEvent = 'deadlines.apply-event',
  DeadlineDueSoon = 'deadlines.due-soon',
  DeadlineDueNow = 'deadlines.due-now',
  DeadlineOverdue = 'deadlines.overdue',
  /** Liên thông: a step's own due date, for the department holding the application. */
  StepDueSoon = 'deadlines.step-due-soon',
  StepOverdue = 'deadlines.step-overdue',
  SweepDeadlines = 'maintenance.sweep-deadlines',
  ReconcileKpi = 'maintenance.reconcile-kpi',
  /** Nightly: close the reporting periods that ended, check closed ones for adjustments. */
  ClosePeriods = 'maintenance.close-periods',
  /** Every 15 minutes: one e-mail per recipient listing their unsent notifications. */
  SendEmailDigest = 'maintenance.send-email-digest',
  /** Daily: security audit rows past retention, expired refresh tokens. */
  PurgeSecurityRecords = 'maintenance.purge-security-records',
  /** An outbox event for the national portal: record its version, then sync the dossier. */
  PortalApplyEvent = 'portal.apply-event',
  /** Sync one dossier again (the reconciliation found the portal's copy different). */
  PortalResync = 'portal.resync',
  /** Nightly: compare the portal's copies of recently changed dossiers with motcua's. */
  PortalReconcile = 'portal.reconcile',
  /** Nightly: idempotency keys, relayed outbox rows and consumed events past retention. */
  Housekeeping = 'maintenance.housekeeping',
  /** Outbox events of online applications: the applicant's e-mail at each step. */
  CitizenMailApplyEvent = 'citizen-mail.apply-event',
  /** Result ready: the shipment, the applicant's e-mail, the carrier's announcement (by post). */
  PostalApplyEvent = 'postal.apply-event',
  /** Outbox events of petitions (PAKN): the petitioner's e-mail at each step. */
  PetitionMailApplyEvent = 'petition-mail.apply-event',
}

/** One outbox row as delivered to a consumer queue (job id = event id). */
export interface OutboxEventMessage {
  eventId: string;
  type: string;
  occurredAt: string;
  payload: ApplicationEventPayload;
  /** The relay's span for this event (a JSON W3C carrier), handed on to the jobs it causes. */
  traceContext?: string;
}

/** Several outbox rows in one job, for a consumer that applies them in groups (outboxJobs). */
export interface OutboxEventBatchMessage {
  events: OutboxEventMessage[];
}

/** One petition outbox row as delivered to a consumer queue. */
export interface PetitionEventMessage extends Omit<OutboxEventMessage, 'payload'> {
  payload: PetitionEventPayload;
}

/** A deadline alert job: fires for this application only while its due date is still `dueAt`. */
export interface DeadlineAlertJob {
  applicationId: string;
  dueAt: string;
}

/** A step alert job: fires while step `seq` of the application is still open. */
export interface StepDeadlineAlertJob {
  applicationId: string;
  seq: number;
  dueAt: string;
}

export interface JobPayload {
  /** One event, or a relay batch's (outbox route `batched`). */
  [JobName.KpiApplyEvent]: OutboxEventMessage | OutboxEventBatchMessage;
  [JobName.DeadlinesApplyEvent]: OutboxEventMessage | OutboxEventBatchMessage;
  [JobName.DeadlineDueSoon]: DeadlineAlertJob;
  [JobName.DeadlineDueNow]: DeadlineAlertJob;
  [JobName.DeadlineOverdue]: DeadlineAlertJob;
  [JobName.StepDueSoon]: StepDeadlineAlertJob;
  [JobName.StepOverdue]: StepDeadlineAlertJob;
  /** `tick`: the minute the schedule fired, ISO; it is also in the job id. */
  [JobName.SweepDeadlines]: { tick: string };
  /**
   * Local dates 'YYYY-MM-DD', inclusive. nightly: from the day after the last one done through
   * `to` instead (missed nights caught up). missingEverywhere: also every received application
   * without facts, whatever its day (the start-up run; otherwise only those received in the days).
   */
  [JobName.ReconcileKpi]: {
    from: string;
    to: string;
    nightly?: boolean;
    missingEverywhere?: boolean;
  };
  /** `day`: the local day the schedule fired; it is also in the job id. */
  [JobName.ClosePeriods]: { day: string };
  /** `tick`: the quarter hour the schedule fired, ISO; it is also in the job id. */
  [JobName.SendEmailDigest]: { tick: string };
  /** The local date the schedule fired ('YYYY-MM-DD'); it is also in the job id. */
  [JobName.PurgeSecurityRecords]: { day: string };
  [JobName.PortalApplyEvent]: OutboxEventMessage | OutboxEventBatchMessage;
  [JobName.PortalResync]: { applicationId: string };
  /** The local date the schedule fired ('YYYY-MM-DD'); it is also in the job id. */
  [JobName.PortalReconcile]: { day: string };
  /** The local date the schedule fired ('YYYY-MM-DD'); it is also in the job id. */
  [JobName.Housekeeping]: { day: string };
  [JobName.CitizenMailApplyEvent]: OutboxEventMessage;
  [JobName.PostalApplyEvent]: OutboxEventMessage;
  [JobName.PetitionMailApplyEvent]: PetitionEventMessage;
}

/** Which queue carries each job. */
export const JOB_QUEUE = {
  [JobName.KpiApplyEvent]: QueueName.KpiRollups,
  [JobName.DeadlinesApplyEvent]: QueueName.Deadlines,
  [JobName.DeadlineDueSoon]: QueueName.Deadlines,
  [JobName.DeadlineDueNow]: QueueName.Deadlines,
  [JobName.DeadlineOverdue]: QueueName.Deadlines,
  [JobName.StepDueSoon]: QueueName.Deadlines,
  [JobName.StepOverdue]: QueueName.Deadlines,
  [JobName.SweepDeadlines]: QueueName.Maintenance,
  [JobName.ReconcileKpi]: QueueName.Maintenance,
  [JobName.ClosePeriods]: QueueName.Maintenance,
  [JobName.SendEmailDigest]: QueueName.Maintenance,
  [JobName.PurgeSecurityRecords]: QueueName.Maintenance,
  [JobName.PortalApplyEvent]: QueueName.PortalSync,
  [JobName.PortalResync]: QueueName.PortalSync,
  [JobName.PortalReconcile]: QueueName.PortalSync,
  [JobName.Housekeeping]: QueueName.Maintenance,
  [JobName.CitizenMailApplyEvent]: QueueName.Maintenance,
  [JobName.PostalApplyEvent]: QueueName.Maintenance,
  [JobName.PetitionMailApplyEvent]: QueueName.Maintenance,
} as const satisfies Record<JobName, QueueName>;

/** The job names a queue's processor must handle (its switch is checked against this). */
export type JobNameOf<Q extends QueueName> = {
  [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never;
}[JobName];

// Failed jobs are kept (visible in Bull Board, retried by hand); completed ones are trimmed
// but kept long enough that a re-add of the same job id is still deduplicated.
const KEEP_COMPLETED = { age: 24 * 3600, count: 100_000 };
const KEEP_FAILED = { age: 30 * 24 * 3600 };
const retrying = (attempts: number, delay: number): JobsOptions => ({
  attempts,
  backoff: { type: 'exponential', delay },
  removeOnComplete: KEEP_COMPLETED,
  removeOnFail: KEEP_FAILED,
});

/** Attempts of a portal sync job before its dossier is dead-lettered. */
export const PORTAL_SYNC_ATTEMPTS = 12;

/** Options per job type, declared once here (style rule 8); call sites add only id and delay. */
export const JOB_OPTIONS: Record<JobName, JobsOptions> = {
  [JobName.KpiApplyEvent]: retrying(10, 1000),
  [JobName.DeadlinesApplyEvent]: retrying(10, 1000),
  [JobName.DeadlineDueSoon]: retrying(5, 5000),
  [JobName.DeadlineDueNow]: retrying(5, 5000),
  [JobName.DeadlineOverdue]: retrying(5, 5000),
  [JobName.StepDueSoon]: retrying(5, 5000),
  [JobName.StepOverdue]: retrying(5, 5000),
  // A missed sweep is repaired by the next one a minute later: no long retry chain.
  [JobName.SweepDeadlines]: retrying(2, 5000),
  [JobName.ReconcileKpi]: retrying(3, 60_000),
  // Deferred periods (events still in the outbox) are closed by the next night's run.
  [JobName.ClosePeriods]: retrying(3, 10 * 60_000),
  // Unsent items stay unsent: the next quarter-hour digest picks them up.
  [JobName.SendEmailDigest]: retrying(2, 30_000),
  // Nothing is lost by a late purge: the next day's repeats it.
  [JobName.PurgeSecurityRecords]: retrying(3, 60_000),
  // The portal may be away for hours: 12 attempts from 2 s doubling (about 2 h 16 min in all);
  // after the last one the dossier is dead-lettered (portal_sync_states.state = 'dead') and the
  // next change or the nightly reconciliation sends it again.
  [JobName.PortalApplyEvent]: retrying(PORTAL_SYNC_ATTEMPTS, 2000),
  [JobName.PortalResync]: retrying(PORTAL_SYNC_ATTEMPTS, 2000),
  [JobName.PortalReconcile]: retrying(3, 10 * 60_000),
  // Bounded per night; what is left over goes the next night.
  [JobName.Housekeeping]: retrying(3, 60_000),
  // An SMTP outage: retried for about an hour and a half, then kept as failed (visible).
  [JobName.CitizenMailApplyEvent]: retrying(8, 30_000),
  // The carrier may be away for hours, like the portal: 12 attempts from 2 s doubling; a
  // refusal is not retried (the shipment shows carrier_state 'failed' and the reason).
  [JobName.PostalApplyEvent]: retrying(12, 2000),
  // Like the applicants' e-mails: an SMTP outage is retried for about an hour and a half.
  [JobName.PetitionMailApplyEvent]: retrying(8, 30_000),
};

/** BullMQ job ids may not contain ':' (its key separator); every id we build goes through this. */
export function jobId(...parts: Array<string | number>): string {
  const id = parts.join('-');
  if (id.includes(':')) {
    throw new RangeError(`BullMQ job id may not contain ':' (${id})`);
  }
  return id;
}

/** Thrown by a processor for a job name it does not know (and used for exhaustiveness). */
export function unhandledJob(name: never): never {
  throw new Error(`No handler for job ${String(name)}`);
}
