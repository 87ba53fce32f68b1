import { InitialSchema1764390000000 } from './1764390000000-initial-schema';
import { CalendarNotices20252026_1764390000001 } from './1764390000001-calendar-notices-2025-2026';
import { WorkerEvents1764400000000 } from './1764400000000-worker-events';
import { EscalationsNotifications1764410000000 } from './1764410000000-escalations-notifications';
import { ApplicationSteps1764420000000 } from './1764420000000-application-steps';
import { SatisfactionRatings1764430000000 } from './1764430000000-satisfaction-ratings';
import { EscalationPolicyAdmin1764440000000 } from './1764440000000-escalation-policy-admin';
import { CompletionRollups1764450000000 } from './1764450000000-completion-rollups';
import { LiaisonScopeSupervisor1764460000000 } from './1764460000000-liaison-scope-supervisor';
import { MetricsReadPath1764470000000 } from './1764470000000-metrics-read-path';
import { K1AsOfFigures1764500000000 } from './1764500000000-k1-as-of-figures';
import { SessionsSecurityAudit1764520000000 } from './1764520000000-sessions-security-audit';
import { PetitionMails17646950000000 } from './17646950000000-petition-mails';
import { OpenSegmentCounts17647000000000 } from './17647000000000-open-segment-counts';
import { SecurityRetentionBatches17647000000001 } from './17647000000001-security-retention-batches';
import { OutboxTraceContext1764570000000 } from './1764570000000-outbox-trace-context';
import { ClockRules17645100000000 } from './17645100000000-clock-rules';
import { StepBudgets17645150000000 } from './17645150000000-step-budgets';
import { CompleteRecord17645151000000 } from './17645151000000-complete-record';
import { IncompleteAtDesk17645170000000 } from './17645170000000-incomplete-at-desk';
import { PortalSync17645500000000 } from './17645500000000-portal-sync';
import { PortalSyncFigures17646050000000 } from './17646050000000-portal-sync-figures';
import { RatingDailyCounts17646050000001 } from './17646050000001-rating-daily-counts';
import { OpenSegmentsCovering17646050000002 } from './17646050000002-open-segments-covering';
import { CompletionFacts17646050000003 } from './17646050000003-completion-facts';
import { HousekeepingIndexes17645300000000 } from './17645300000000-housekeeping-indexes';
import { MaintenanceWatermarks17645300000001 } from './17645300000001-maintenance-watermarks';
import { OnlineSubmission17645400000000 } from './17645400000000-online-submission';
import { Petitions17645400000001 } from './17645400000001-petitions';
import { ApplicantKind17646100000000 } from './17646100000000-applicant-kind';
import { ReviewChainSignatures17646100000001 } from './17646100000001-review-chain-signatures';
import { SignedResults17646600000000 } from './17646600000000-signed-results';
import { PostalShipments17646500000000 } from './17646500000000-postal-shipments';
import { CitizenDeadlineAlerts17646300000000 } from './17646300000000-citizen-deadline-alerts';
import { IntakeChecklist17646200000000 } from './17646200000000-intake-checklist';
import { MonthlyPartitions17646800000000 } from './17646800000000-monthly-partitions';

/** Listed explicitly (no globs) so bundled builds and the CLI run the same migrations. */
export const MIGRATIONS = [
  InitialSchema1764390000000,
  CalendarNotices20252026_1764390000001,
  WorkerEvents1764400000000,
  EscalationsNotifications1764410000000,
  ApplicationSteps1764420000000,
  SatisfactionRatings1764430000000,
  EscalationPolicyAdmin1764440000000,
  CompletionRollups1764450000000,
  LiaisonScopeSupervisor1764460000000,
  MetricsReadPath1764470000000,
  K1AsOfFigures1764500000000,
  SessionsSecurityAudit1764520000000,
  OutboxTraceContext1764570000000,
  ClockRules17645100000000,
  StepBudgets17645150000000,
  CompleteRecord17645151000000,
  IncompleteAtDesk17645170000000,
  HousekeepingIndexes17645300000000,
  MaintenanceWatermarks17645300000001,
  OnlineSubmission17645400000000,
  Petitions17645400000001,
  PortalSync17645500000000,
  PortalSyncFigures17646050000000,
  RatingDailyCounts17646050000001,
  OpenSegmentsCovering17646050000002,
  CompletionFacts17646050000003,
  ApplicantKind17646100000000,
  ReviewChainSignatures17646100000001,
  IntakeChecklist17646200000000,
  CitizenDeadlineAlerts17646300000000,
  PostalShipments17646500000000,
  SignedResults17646600000000,
  MonthlyPartitions17646800000000,
  PetitionMails17646950000000,
  OpenSegmentCounts17647000000000,
  SecurityRetentionBatches17647000000001,
];
