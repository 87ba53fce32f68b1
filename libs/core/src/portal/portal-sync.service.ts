import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  ApplicationStatus,
  codeTableOn,
  DVCQG_PROGRESS_BATCH,
  PORTAL_STATUS_CODE,
  toDvcqgDossier,
  toDvcqgProgress,
  toLocalDate,
  UnmappedProcedureCode,
} from '@app/domain';
import { PortalSyncRepository, PortalSyncSession } from '@app/database';
import type { OutboxEventMessage } from '@app/messaging';
import { Clock } from '../clock/clock';
import { DvcqgClient, PortalCallFailed } from './dvcqg.client';
import { portalSnapshot } from './portal-snapshot';
import { payloadHash } from './stable-hash';

export interface PortalSyncOutcome {
  applicationId: string;
  sent: 'nothing' | 'dossier' | 'progress' | 'both';
  progressRows: number;
  ackedVersion: number | null;
}

export interface SyncAttempt {
  /** The job's last attempt: a failure now dead-letters the dossier. */
  last: boolean;
}

/**
 * DVCQG sync of one dossier: sends its current dossier message (create; "already exists" turns
 * into an update) unless the portal already acknowledged that exact payload (its hash is kept),
 * then the progress rows it has not acknowledged yet, then marks the versions up to the one it
 * read as acknowledged. Never part of a lifecycle transaction: it runs from the outbox, so the
 * desk never waits on the portal.
 */
@Injectable()
export class PortalSyncService {
  private readonly logger = new Logger(PortalSyncService.name);

  constructor(
    @Inject(PortalSyncRepository) private readonly repository: PortalSyncRepository,
    @Inject(DvcqgClient) private readonly client: DvcqgClient,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An outbox event: its version becomes a sync record, then the dossier is synced. */
  async applyEvent(message: OutboxEventMessage, attempt: SyncAttempt): Promise<PortalSyncOutcome> {
    await this.recordEvents([message]);
    return this.sync(message.payload.applicationId, attempt);
  }

  /**
   * A relay batch's events become sync records in one statement. Returns the dossiers to sync
   * now, each once with the latest version recorded: none while no portal is configured (the
   * records wait; K5 says so).
   */
  async recordEvents(
    messages: readonly OutboxEventMessage[],
  ): Promise<Array<{ applicationId: string; version: number }>> {
    await this.repository.record(
      messages.map((message) => {
        const p = message.payload;
        return {
          applicationId: p.applicationId,
          version: p.version,
          eventId: message.eventId,
          eventType: message.type,
          nationalStatus: PORTAL_STATUS_CODE[p.toStatus as ApplicationStatus],
          occurredAt: new Date(message.occurredAt),
        };
      }),
    );
    if (!this.client.configured) {
      return [];
    }
    const latest = new Map<string, number>();
    for (const { payload } of messages) {
      latest.set(
        payload.applicationId,
        Math.max(latest.get(payload.applicationId) ?? 0, payload.version),
      );
    }
    return [...latest].map(([applicationId, version]) => ({ applicationId, version }));
  }

  async sync(applicationId: string, attempt: SyncAttempt): Promise<PortalSyncOutcome> {
    const idle: PortalSyncOutcome = {
      applicationId,
      sent: 'nothing',
      progressRows: 0,
      ackedVersion: null,
    };
    if (!this.client.configured) {
      return idle; // the records wait; K5's sync rate says so
    }
    return this.repository.withSession(applicationId, async (session) => {
      try {
        return await this.syncLocked(session, idle);
      } catch (error) {
        const permanent =
          error instanceof UnmappedProcedureCode ||
          (error instanceof PortalCallFailed && error.permanent);
        await session.recordFailure((error as Error).message, permanent || attempt.last);
        if (permanent || attempt.last) {
          this.logger.warn(`dossier ${applicationId} dead-lettered: ${(error as Error).message}`);
        }
        throw new PortalSyncFailed((error as Error).message, permanent);
      }
    });
  }

  private async syncLocked(
    session: PortalSyncSession,
    outcome: PortalSyncOutcome,
  ): Promise<PortalSyncOutcome> {
    const state = await session.state();
    const data = await session.application();
    if (!data) {
      return outcome;
    }
    const now = this.clock.now();
    const table = codeTableOn(toLocalDate(now));
    const snapshot = portalSnapshot(data, this.config.organization.name);
    const dossier = toDvcqgDossier(snapshot, table);
    if (dossier === null) {
      // No national status yet (incomplete at the desk): nothing is the portal's business.
      await session.ackVersion(data.record.version, this.clock.now());
      return { ...outcome, ackedVersion: data.record.version };
    }
    const hash = payloadHash(dossier);
    let dossierSent = false;
    if (hash !== state.dossierHash) {
      await this.upsert(dossier, state.dossierHash === null);
      await session.ackDossier(hash);
      dossierSent = true;
    }
    const pending = snapshot.history.filter((h) => h.id > state.ackedProgressId);
    for (let i = 0; i < pending.length; i += DVCQG_PROGRESS_BATCH) {
      const chunk = pending.slice(i, i + DVCQG_PROGRESS_BATCH);
      const rows = toDvcqgProgress(snapshot.code, chunk, table);
      if (rows.length > 0) {
        await this.client.addProgress({ MaHoSo: dossier.MaHoSo, QuaTrinhXuLy: rows });
      }
      await session.ackProgress(chunk.at(-1)!.id);
    }
    await session.ackVersion(data.record.version, this.clock.now());
    const sent =
      dossierSent && pending.length > 0
        ? 'both'
        : dossierSent
          ? 'dossier'
          : pending.length > 0
            ? 'progress'
            : 'nothing';
    return { ...outcome, sent, progressRows: pending.length, ackedVersion: data.record.version };
  }

  /** Create-or-update: the portal answers "already exists" or "not found" to the wrong one. */
  private async upsert(
    dossier: Parameters<DvcqgClient['create']>[0],
    firstTime: boolean,
  ): Promise<void> {
    const first = firstTime ? this.client.create(dossier) : this.client.update(dossier);
    const outcome = await first;
    if (outcome === 'ok') {
      return;
    }
    const second = firstTime ? this.client.update(dossier) : this.client.create(dossier);
    const retried = await second;
    if (retried !== 'ok') {
      throw new PortalCallFailed(`dossier ${dossier.MaHoSo}: ${outcome}, then ${retried}`, false);
    }
  }
}

/** A sync that did not complete; `permanent`: retrying cannot help (the dossier is dead-lettered). */
export class PortalSyncFailed extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
