import { ApplicationEventType as E } from '../events/application-event-type';
import { JobName } from '../job-name';

/**
 * Which consumer queue receives which event types. An event no consumer needs is still
 * marked published; adding a type here makes the relay deliver it from then on (not earlier
 * events — replay them by resetting published_at if ever needed).
 */
export const OUTBOX_ROUTES: ReadonlyArray<{
  job: JobName.KpiApplyEvent | JobName.DeadlinesApplyEvent;
  types: ReadonlySet<string>;
}> = [
  {
    job: JobName.KpiApplyEvent,
    types: new Set([E.Received, E.ResultReady, E.Stopped, E.Apologized, E.SupplementRequested]),
  },
  {
    job: JobName.DeadlinesApplyEvent,
    // handed_over: the new step's own due-soon / overdue reminders (liên thông).
    types: new Set([E.Received, E.SupplementReceived, E.Apologized, E.HandedOver]),
  },
];
