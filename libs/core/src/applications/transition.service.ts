import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  Actor,
  ApplicationStatus,
  assertCanActOnApplication,
  assertRecordComplete,
  DomainError,
  DomainErrorCode,
  planTransition,
  ruleFor,
  SIGNATURE_VERIFIED_KEY,
  STOP_REASON_RULES,
  StopReason,
  TransitionAction,
} from '@app/domain';
import {
  ApplicationRecord,
  ApplicationRepository,
  ApplicationTransaction,
  WorkingCalendarService,
} from '@app/database';
import { Clock } from '../clock/clock';
import { ActionOfferService } from './action-offer.service';
import { correctionFor } from './correction';
import { EVENT_FOR_ACTION, eventPayload } from './application-event';
import { ApplicationView, placeOf, toApplicationView } from './application.view';
import { changesFor, TransitionContext, TransitionInput } from './transition-changes';
import { stepEffectFor } from './step-changes';
import { ResultSignatureGate } from '../signatures/result-signature.gate';

/**
 * A stop's reason must fit the state it stops (STOP_REASON_RULES): "withdrawn" only after the
 * applicant's withdrawal request, never invented for a dossier nobody asked to withdraw.
 */
function assertStopReasonFits(
  action: TransitionAction,
  input: TransitionInput,
  status: ApplicationStatus,
  current: () => ApplicationView,
): void {
  const reason = input.stopReason as StopReason | undefined;
  if (action !== TransitionAction.Stop || !reason || !(reason in STOP_REASON_RULES)) {
    return;
  }
  if (!STOP_REASON_RULES[reason].from.includes(status)) {
    throw new DomainError(
      DomainErrorCode.IllegalTransition,
      `cannot stop an application in status ${status} with reason ${reason}`,
      [
        {
          field: 'stopReason',
          reason:
            reason === StopReason.Withdrawn
              ? 'no withdrawal request was recorded for this application'
              : `does not apply in status ${status}`,
        },
      ],
      current(),
    );
  }
}

/**
 * Applies one lifecycle action: checks department, role, version and state (in that order),
 * then writes the new state, its history row and its outbox event in one transaction.
 */
@Injectable()
export class TransitionService {
  constructor(
    @Inject(ApplicationRepository) private readonly applications: ApplicationRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ActionOfferService) private readonly offers: ActionOfferService,
    @Inject(ResultSignatureGate) private readonly signatures: ResultSignatureGate,
  ) {}

  /**
   * "Result ready" records whether the result document's signature verifies (K6 counts it)
   * and, for a procedure that requires a signed result, refuses without one (nothing changes).
   */
  private async resultSignatureData(
    action: TransitionAction,
    record: ApplicationRecord,
  ): Promise<Record<string, unknown>> {
    if (action !== TransitionAction.MarkResultReady) {
      return {};
    }
    const check = await this.signatures.check(record);
    if (check.required && !check.verified) {
      throw DomainError.validation(
        'resultDocument',
        `this procedure requires a result with a verified digital signature: ${check.reason}`,
      );
    }
    return { [SIGNATURE_VERIFIED_KEY]: check.verified, resultDocumentId: check.documentId };
  }

  async apply(
    idOrCode: string,
    action: TransitionAction,
    input: TransitionInput,
    actor: Actor,
  ): Promise<ApplicationView> {
    const calendar = await this.calendars.current();
    const offer = await this.offers.rules();
    return this.applications.withLocked(idOrCode, async (record, tx) => {
      if (!record) {
        throw DomainError.notFound('application', idOrCode);
      }
      // Every action, hand-over included, is for the department holding the application
      // (the lead unless a liên thông step is open); see canActOnApplication for why the lead
      // department only reads meanwhile. The row lock keeps the holder from changing under us.
      assertCanActOnApplication(actor, placeOf(record));
      if (!ruleFor(action).roles.includes(actor.role)) {
        throw new DomainError(DomainErrorCode.Forbidden, `role ${actor.role} may not ${action}`);
      }
      const current = () => toApplicationView(record, this.config.rules, actor, offer);
      if (input.version !== record.version) {
        throw new DomainError(
          DomainErrorCode.StaleVersion,
          `The application has changed (version ${record.version}, you sent ${input.version}); reload it`,
          [{ field: 'version', reason: `is ${input.version}, current is ${record.version}` }],
          current(),
        );
      }
      let plan;
      try {
        plan = planTransition(record.status as ApplicationStatus, action, actor.role);
      } catch (error) {
        throw error instanceof DomainError
          ? new DomainError(error.code, error.message, error.details, current())
          : error;
      }
      // Bad input changes nothing: checked before any write, after the state is known legal.
      assertRecordComplete(action, input);
      assertStopReasonFits(action, input, record.status as ApplicationStatus, current);
      const correction = await correctionFor(actor, input, record.id, tx);
      const signatureData = await this.resultSignatureData(action, record);
      const now = this.clock.now();
      const context: TransitionContext = {
        action,
        record,
        input,
        actor,
        now,
        calendar,
        policy: this.calendars.deadlinePolicy(),
        rules: this.config.rules,
        postal: this.config.postal,
        current,
      };
      const planned = await changesFor(action, context, tx);
      const { changes, holdingDepartmentId } = planned;
      const step = await stepEffectFor(context, tx);
      const data = {
        ...planned.data,
        ...step?.data,
        ...signatureData,
        ...(correction ? { correction } : {}),
      };
      const { version, updatedAt } = await tx.update(record.id, plan.to, changes, now);
      const updated: ApplicationRecord = {
        ...record,
        ...changes,
        holdingDepartmentId: holdingDepartmentId ?? record.holdingDepartmentId,
        status: plan.to,
        version,
        updatedAt,
      };
      await tx.appendHistory(record.id, {
        at: now,
        actorId: actor.id,
        actorRole: actor.role,
        action,
        fromStatus: plan.from,
        toStatus: plan.to,
        note: input.note ?? null,
        payload: data,
      });
      await tx.appendOutbox(record.id, {
        id: randomUUID(),
        type: EVENT_FOR_ACTION[action],
        occurredAt: now,
        payload: {
          ...eventPayload(updated, { fromStatus: plan.from, at: now, actorId: actor.id, data }),
        },
      });
      await planned.after?.(tx, updated);
      await step?.after(tx);
      return toApplicationView(updated, this.config.rules, actor, { ...offer, now });
    });
  }
}

export type { TransitionInput } from './transition-changes';
export type { ApplicationTransaction };
