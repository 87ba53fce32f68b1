import { JobName } from '@app/messaging';
import { DeadlinesProcessor } from './deadlines.processor';
import { KpiRollupsProcessor } from './kpi-rollups.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { PortalSyncProcessor } from './portal-sync.processor';

export const PROCESSORS = [
  KpiRollupsProcessor,
  DeadlinesProcessor,
  MaintenanceProcessor,
  PortalSyncProcessor,
];

/**
 * The worker refuses to start when a job name has no handler (style rule 6): a job added by a
 * newer release would otherwise sit failing in its queue.
 */
export function assertEveryJobHasAHandler(): void {
  const handled = new Set<string>(PROCESSORS.flatMap((p) => p.handles));
  const missing = Object.values(JobName).filter((name) => !handled.has(name));
  if (missing.length > 0) {
    throw new Error(`Failed to find a job handler for: ${missing.join(', ')}`);
  }
}
