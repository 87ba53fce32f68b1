/**
 * BullMQ queues. Persisted contract: the values are Redis key names holding waiting, delayed
 * and failed jobs, so they must never change without a migration plan (drain the old queue,
 * or move its jobs) — renaming one silently strands every job in it.
 */
export enum QueueName {
  /** Outbox events for the KPI roll-ups consumer. */
  KpiRollups = 'kpi-rollups',
  /**
   * Outbox events for the deadlines consumer, and its delayed due-soon/due-now/overdue jobs
   * (also those of liên thông steps).
   */
  Deadlines = 'deadlines',
  /** Scheduled housekeeping: the deadline sweep, the nightly KPI reconciliation, e-mail digests. */
  Maintenance = 'maintenance',
  /** DVCQG (national portal) sync: outbox events, re-sends and the nightly reconciliation. */
  PortalSync = 'portal-sync',
}
