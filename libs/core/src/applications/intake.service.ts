import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { createHash, randomUUID } from 'node:crypto';
import {
  Actor,
  ApplicationStatus,
  Channel,
  checkChecklist,
  type ChecklistItem,
  computeDueAt,
  DomainError,
  DomainErrorCode,
  searchKey,
  toLocalDate,
  TransitionAction,
  type ReceivedDocument,
} from '@app/domain';
import {
  ApplicationRepository,
  IdempotencyRepository,
  NewApplication,
  StaleIntakeProcedureError,
  WorkingCalendarService,
} from '@app/database';
import { ApplicationEventPayload, ApplicationEventType } from '@app/messaging';
import { Clock } from '../clock/clock';
import { ActionOfferService } from './action-offer.service';
import { ApplicationView, toApplicationView } from './application.view';

export interface IntakeCommand {
  procedureCode: string;
  channel: Channel;
  /**
   * 'submitted': registered online or by post, waiting for the desk to receive it.
   * 'incomplete_at_desk': a walk-in turned away with guidance (Mẫu 02): never received.
   */
  status?:
    ApplicationStatus.Received | ApplicationStatus.Submitted | ApplicationStatus.IncompleteAtDesk;
  /** incomplete_at_desk: what to add or correct, and why. */
  missingItems?: string[];
  guidanceReason?: string;
  applicant: {
    fullName: string;
    /** Default 'person'. */
    kind?: 'person' | 'organization';
    idNumber: string;
    phone: string;
    email?: string;
    address?: string;
  };
  /** Other documents handed in, as free text (procedures without a published list, extras). */
  documents?: Array<{ name: string; copies: number }>;
  /** The desk's checklist against the procedure's required documents (procedure_documents). */
  checklist?: ChecklistItem[];
  note?: string;
}

export interface IntakeResult {
  statusCode: number;
  application: ApplicationView;
  replayed: boolean;
}

/**
 * JSON with object keys in sorted order: the same body sent with its fields in another order
 * is the same request for the Idempotency-Key check.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/** A procedure republished twice between prepare and insert is not a race worth a third try. */
const INTAKE_ATTEMPTS = 3;

@Injectable()
export class IntakeService {
  constructor(
    @Inject(ApplicationRepository) private readonly applications: ApplicationRepository,
    @Inject(IdempotencyRepository) private readonly idempotency: IdempotencyRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ActionOfferService) private readonly offers: ActionOfferService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Logs an application at the desk and computes its appointment date. The desk's hot path
   * prepares from this process's cached procedure (one round trip fewer); the insert re-checks
   * that version, and a procedure published meanwhile costs one more try from a fresh read.
   */
  async intake(
    command: IntakeCommand,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<IntakeResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.intakeOnce(command, actor, idempotencyKey, attempt === 1);
      } catch (error) {
        if (!(error instanceof StaleIntakeProcedureError) || attempt >= INTAKE_ATTEMPTS) {
          throw error;
        }
      }
    }
  }

  private async intakeOnce(
    command: IntakeCommand,
    actor: Actor,
    idempotencyKey: string | undefined,
    cachedProcedure: boolean,
  ): Promise<IntakeResult> {
    if (!idempotencyKey) {
      const application = toApplicationView(
        await this.applications.insert(await this.prepare(command, actor, { cachedProcedure })),
        this.config.rules,
        actor,
        await this.offers.rules(),
      );
      return { statusCode: 201, application, replayed: false };
    }
    const requestHash = createHash('sha256').update(canonicalJson(command)).digest('hex');
    // Read before the transaction: inside it, a second pool connection would be needed, and
    // as many keyed intakes as the pool has connections would wait on each other for ever.
    const prepared = await this.prepare(command, actor, { cachedProcedure });
    const rules = await this.offers.rules();
    const outcome = await this.idempotency.once<ApplicationView>(
      actor.id,
      idempotencyKey,
      requestHash,
      async (manager) => ({
        statusCode: 201,
        response: toApplicationView(
          await this.applications.insert(prepared, manager),
          this.config.rules,
          actor,
          rules,
        ),
      }),
    );
    if (outcome.kind === 'done') {
      this.applications.signalOutbox();
      return { statusCode: outcome.statusCode, application: outcome.response, replayed: false };
    }
    if (outcome.kind === 'replay' && outcome.requestHash === requestHash) {
      return {
        statusCode: outcome.statusCode,
        application: outcome.response as ApplicationView,
        replayed: true,
      };
    }
    throw new DomainError(
      DomainErrorCode.IdempotencyKeyReused,
      'This Idempotency-Key was already used with a different request body',
      [{ field: 'Idempotency-Key', reason: 'already used with a different body; use a new key' }],
    );
  }

  /**
   * Everything an insert needs, read and checked without a transaction (no write).
   * `options.receivedAt`: the legal reception time when it is not the moment of logging (a
   * dossier received by post: the hand-over record's signature, checked by the caller); the
   * appointment, and with it the K1 clock (read from received_at), start from it.
   * `options.cachedProcedure`: the procedure as this process last read it (see intake).
   * `actor` null: the applicant submitted it online (history says role 'citizen').
   */
  async prepare(
    command: IntakeCommand,
    actor: Actor | null,
    options: { receivedAt?: Date; cachedProcedure?: boolean } = {},
  ): Promise<NewApplication> {
    const procedure = await this.applications.findIntakeProcedure(command.procedureCode, {
      cached: options.cachedProcedure ?? false,
    });
    if (!procedure) {
      throw DomainError.validation(
        'procedureCode',
        `no current procedure has code ${command.procedureCode}`,
      );
    }
    const now = this.clock.now();
    const received = (command.status ?? ApplicationStatus.Received) === ApplicationStatus.Received;
    const receivedAt = options.receivedAt ?? now;
    const dueAt = received
      ? computeDueAt({
          receivedAt,
          limit: {
            value: procedure.timeLimitValue,
            unit: procedure.timeLimitUnit as 'working_days',
          },
          calendar: await this.calendars.current(),
          policy: this.calendars.deadlinePolicy(),
        })
      : null;
    const incomplete = command.status === ApplicationStatus.IncompleteAtDesk;
    if (incomplete && (command.missingItems ?? []).length === 0) {
      throw DomainError.validation(
        'missingItems',
        'must name at least one missing document when the status is incomplete_at_desk',
      );
    }
    const receivedDocuments = await this.checkedDocuments(command, received);
    const status = received
      ? ApplicationStatus.Received
      : incomplete
        ? ApplicationStatus.IncompleteAtDesk
        : ApplicationStatus.Submitted;
    const id = randomUUID();
    const a = command.applicant;
    const eventType = received
      ? ApplicationEventType.Received
      : incomplete
        ? ApplicationEventType.CompletionRequested
        : ApplicationEventType.Submitted;
    const guidance = incomplete
      ? { items: command.missingItems ?? [], reason: command.guidanceReason ?? null }
      : {};
    const application: NewApplication = {
      id,
      agencyCode: procedure.agencyCode,
      codeDay: toLocalDate(now),
      procedure,
      channel: command.channel,
      status,
      applicant: {
        fullName: a.fullName,
        kind: a.kind ?? 'person',
        idNumber: a.idNumber,
        phone: a.phone,
        email: a.email ?? null,
        address: a.address ?? null,
      },
      searchText: searchKey(a.fullName),
      documents: command.documents ?? [],
      receivedDocuments,
      note: command.note ?? null,
      submittedAt: received ? null : now,
      receivedAt: received ? receivedAt : null,
      dueAt,
      receivedBy: received ? (actor?.id ?? null) : null,
      history: {
        at: now,
        actorId: actor?.id ?? null,
        actorRole: actor?.role ?? 'citizen',
        action: received
          ? TransitionAction.Receive
          : incomplete
            ? TransitionAction.RequestCompletion
            : 'submit',
        fromStatus: null,
        toStatus: status,
        note: command.note ?? null,
        payload: {
          channel: command.channel,
          documents: command.documents ?? [],
          ...(receivedDocuments.length > 0 ? { receivedDocuments } : {}),
          ...guidance,
        },
      },
      // The insert adds the code, which only it knows (see ApplicationRepository.insert).
      event: {
        id: randomUUID(),
        type: eventType,
        occurredAt: now,
        payload: {
          applicationId: id,
          departmentId: procedure.departmentId,
          procedureId: procedure.id,
          procedureCode: procedure.code,
          channel: command.channel,
          fromStatus: null,
          toStatus: status,
          at: now.toISOString(),
          actorId: actor?.id ?? null,
          receivedAt: received ? receivedAt.toISOString() : null,
          dueAt: dueAt?.toISOString() ?? null,
          originalDueAt: dueAt?.toISOString() ?? null,
          version: 1,
          data: guidance,
        } satisfies Omit<ApplicationEventPayload, 'code'>,
      },
    };
    return application;
  }

  /**
   * The checklist checked against the procedure's documents (only when the desk sent one: a
   * procedure without a published list, or an older client, sends free-text documents). A
   * dossier received (not turned away) must hold every document the procedure asks for: an
   * incomplete one follows the incomplete-at-desk path (Mẫu 02) instead.
   */
  private async checkedDocuments(
    command: IntakeCommand,
    received: boolean,
  ): Promise<ReceivedDocument[]> {
    if (command.checklist === undefined) {
      return [];
    }
    const outcome = checkChecklist(
      await this.applications.requiredDocuments(command.procedureCode),
      command.checklist,
    );
    if (outcome.problems.length > 0) {
      throw new DomainError(
        DomainErrorCode.Validation,
        outcome.problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
        outcome.problems,
      );
    }
    if (received && outcome.missing.length > 0) {
      throw DomainError.validation(
        'checklist',
        `misses required documents (${outcome.missing.map((d) => d.name).join('; ')}); ` +
          'an incomplete dossier is recorded with status incomplete_at_desk and missingItems (Mẫu 02)',
      );
    }
    return outcome.received;
  }
}
