import { UnrecoverableError } from 'bullmq';
import {
  DeadlineAlertJob,
  OutboxEventMessage,
  PetitionEventMessage,
  StepDeadlineAlertJob,
} from '@app/messaging';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

// A malformed payload will never succeed: fail without retry (kept in the failed list).
function invalid(what: string): never {
  throw new UnrecoverableError(`invalid job payload: ${what}`);
}

const isDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

export function outboxEventMessage(data: unknown): OutboxEventMessage {
  const m = data as OutboxEventMessage;
  if (!m || typeof m.eventId !== 'string' || !UUID.test(m.eventId) || typeof m.type !== 'string') {
    invalid('eventId/type');
  }
  const p = m.payload;
  if (!p || typeof p.applicationId !== 'string' || !UUID.test(p.applicationId) || !isDate(p.at)) {
    invalid('payload.applicationId/at');
  }
  if (
    typeof p.departmentId !== 'string' ||
    typeof p.procedureId !== 'string' ||
    typeof p.channel !== 'string'
  ) {
    invalid('payload dimensions');
  }
  return m;
}

export function petitionEventMessage(data: unknown): PetitionEventMessage {
  const m = data as PetitionEventMessage;
  if (!m || typeof m.eventId !== 'string' || !UUID.test(m.eventId) || typeof m.type !== 'string') {
    invalid('eventId/type');
  }
  const p = m.payload;
  if (!p || typeof p.petitionId !== 'string' || !UUID.test(p.petitionId) || !isDate(p.at)) {
    invalid('payload.petitionId/at');
  }
  return m;
}

export function deadlineAlertJob(data: unknown): DeadlineAlertJob {
  const j = data as DeadlineAlertJob;
  if (
    !j ||
    typeof j.applicationId !== 'string' ||
    !UUID.test(j.applicationId) ||
    !isDate(j.dueAt)
  ) {
    invalid('applicationId/dueAt');
  }
  return j;
}

export function stepDeadlineAlertJob(data: unknown): StepDeadlineAlertJob {
  const j = data as StepDeadlineAlertJob;
  if (
    !j ||
    typeof j.applicationId !== 'string' ||
    !UUID.test(j.applicationId) ||
    !Number.isInteger(j.seq) ||
    j.seq < 1 ||
    !isDate(j.dueAt)
  ) {
    invalid('applicationId/seq/dueAt');
  }
  return j;
}

export function localDateRange(data: unknown): { from: string; to: string } {
  const r = data as { from: string; to: string };
  if (!r || !LOCAL_DATE.test(String(r.from)) || !LOCAL_DATE.test(String(r.to))) {
    invalid('from/to');
  }
  return r;
}

export function applicationIdJob(data: unknown): { applicationId: string } {
  const j = data as { applicationId?: unknown };
  if (!j || typeof j.applicationId !== 'string' || !UUID.test(j.applicationId)) {
    invalid('applicationId');
  }
  return { applicationId: j.applicationId };
}
