export * from './data-source-options';
export { MIGRATIONS } from './migrations';
export * from './database.module';
export { ReadReplica } from './replica/read-replica';
export * from './applications';
export * from './repositories/user.repository';
export * from './repositories/department.repository';
export * from './repositories/procedure.repository';
export * from './repositories/procedure-document.repository';
export * from './repositories/procedure-step-budget.repository';
export * from './repositories/calendar-override.repository';
export { sqlStatusList, type VersionedUpdate } from './repositories/postgres';
export * from './calendar/working-calendar.service';
export * from './calendar/working-calendar.module';
export * from './consumers/consumed-event.repository';
export * from './outbox/outbox.repository';
export * from './outbox/outbox-notifications';
export * from './outbox/outbox-signal';
export * from './kpi/kpi-rollup.repository';
export * from './deadlines/deadline-alert.repository';
export * from './deadlines/step-deadline-alert.repository';
export * from './escalations/escalation.repository';
export {
  EscalationPolicyRepository,
  type EscalationPolicyRecord,
  type EscalationPolicyRemoval,
  type EscalationPolicyScope,
  type EscalationPolicyValues,
  type EscalationPolicyWrite,
} from './escalations/escalation-policy.repository';
export * from './notifications/notification.repository';
export * from './metrics/metrics.repository';
export * from './metrics/tracking-book.repository';
export * from './metrics/step-outcomes.repository';
export * from './metrics/clock-exceptions.repository';
export * from './ratings/satisfaction-rating.repository';
export * from './kpi/kpi-facts.repository';
export * from './metrics/period-counts';
export * from './metrics/period-counts.repository';
export * from './metrics/period-closure.repository';
export * from './security';
export * from './portal/portal-sync.repository';
export * from './maintenance/housekeeping.repository';
export * from './maintenance/maintenance-watermark.repository';
export * from './online';
export * from './petitions';
export * from './signatures/result-document.repository';
export * from './postal';
export * from './group-commit';
