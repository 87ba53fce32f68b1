import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  codeTableOn,
  toDvcqgDossier,
  toDvcqgProgress,
  toLocalDate,
  UnmappedProcedureCode,
} from '@app/domain';
import { PortalSyncRepository } from '@app/database';
import { JobName, JobQueues, jobId } from '@app/messaging';
import { Clock } from '../clock/clock';
import { DvcqgClient } from './dvcqg.client';
import { portalSnapshot } from './portal-snapshot';
import { payloadHash } from './stable-hash';

const PAGE = 500;
const DAY_MS = 24 * 3600 * 1000;

export interface PortalReconciliationOutcome {
  from: string;
  to: string;
  checked: number;
  resent: number;
  complete: boolean;
}

/**
 * Nightly: asks the portal for its copy of every dossier changed since the last run (at most
 * DVCQG_RECONCILE_MAX_DAYS back, so missed nights are caught up) and re-sends those that
 * differ. Bounded: through an index on the change time, at most DVCQG_RECONCILE_LIMIT dossiers
 * a run; a run cut short records how far it came, and the next one continues from there.
 */
@Injectable()
export class PortalReconciliationService {
  constructor(
    @Inject(PortalSyncRepository) private readonly repository: PortalSyncRepository,
    @Inject(DvcqgClient) private readonly client: DvcqgClient,
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async reconcile(): Promise<PortalReconciliationOutcome | null> {
    if (!this.client.configured) {
      return null;
    }
    const settings = this.config.national.dvcqg;
    const to = this.clock.now();
    const earliest = new Date(to.getTime() - settings.reconcileMaxDays * DAY_MS);
    const last = (await this.repository.lastReconciledUntil()) ?? new Date(to.getTime() - DAY_MS);
    const from = last < earliest ? earliest : last;
    const seen = new Set<string>();
    let resent = 0;
    let until = to;
    let after: { at: Date; applicationId: string } | null = null;
    let complete = true;
    outer: for (;;) {
      const page = await this.repository.changedBetween(from, to, after, PAGE);
      for (const row of page) {
        if (seen.has(row.applicationId)) {
          continue;
        }
        if (seen.size >= settings.reconcileLimit) {
          complete = false;
          until = new Date(row.at); // the next run starts at this change
          break outer;
        }
        seen.add(row.applicationId);
        if (await this.differs(row.applicationId)) {
          resent += 1;
          await this.queues.add({
            name: JobName.PortalResync,
            data: { applicationId: row.applicationId },
            jobId: jobId('portal-resync', row.applicationId, to.getTime()),
          });
        }
      }
      if (page.length < PAGE) {
        break;
      }
      const lastRow = page.at(-1)!;
      after = { at: new Date(lastRow.at), applicationId: lastRow.applicationId };
    }
    const outcome = {
      from: from.toISOString(),
      to: until.toISOString(),
      checked: seen.size,
      resent,
      complete,
    };
    await this.repository.recordReconciliation({ ...outcome, from, to: until });
    await this.repository.purgeBefore(new Date(to.getTime() - 400 * DAY_MS), 10_000);
    return outcome;
  }

  /** Compares the portal's copy with motcua's; when they differ, forgets what was acknowledged. */
  private differs(applicationId: string): Promise<boolean> {
    return this.repository.withSession(applicationId, async (session) => {
      const data = await session.application();
      if (!data) {
        return false;
      }
      const table = codeTableOn(toLocalDate(this.clock.now()));
      const snapshot = portalSnapshot(data, this.config.organization.name);
      let dossier;
      try {
        dossier = toDvcqgDossier(snapshot, table);
      } catch (error) {
        if (error instanceof UnmappedProcedureCode) {
          return false; // dead-lettered, naming the code, until the code table maps it
        }
        throw error;
      }
      if (dossier === null) {
        return false; // never had a national status: not on the portal
      }
      const copy = await this.client.read(dossier.MaHoSo);
      if (!copy) {
        await session.forget(0);
        return true;
      }
      const held = new Set(copy.QuaTrinhXuLy.map(stableProgressKey));
      const missing = snapshot.history.filter((h) =>
        toDvcqgProgress(snapshot.code, [h], table).some((p) => !held.has(stableProgressKey(p))),
      );
      const dossierDiffers = payloadHash(copy.HoSo) !== payloadHash(dossier);
      if (!dossierDiffers && missing.length === 0) {
        return false;
      }
      await session.forget(missing.length > 0 ? missing[0].id - 1 : null);
      return true;
    });
  }
}

const stableProgressKey = (p: { MaTienDo: string; TrangThai: number; ThoiDiemXuLy: string }) =>
  `${p.MaTienDo}|${p.TrangThai}|${p.ThoiDiemXuLy}`;
