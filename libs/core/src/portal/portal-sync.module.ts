import { Module } from '@nestjs/common';
import { PortalSyncRepository } from '@app/database';
import { Clock } from '../clock/clock';
import { DvcqgClient } from './dvcqg.client';
import { PortalReconciliationService } from './portal-reconciliation.service';
import { PortalSyncService } from './portal-sync.service';

/**
 * The national portal (DVCQG) adapter, a module of its own: the worker's portal-sync queue
 * calls it; nothing in the lifecycle does. Needs DatabaseModule and QueuesModule in the app.
 */
@Module({
  providers: [
    Clock,
    PortalSyncRepository,
    DvcqgClient,
    PortalSyncService,
    PortalReconciliationService,
  ],
  exports: [PortalSyncService, PortalReconciliationService, DvcqgClient],
})
export class PortalSyncModule {}
