import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  DomainErrorCode,
  k9Rate,
  K9Figures,
  maskPhone,
  PETITION_STATUS_LABEL_VI,
  PetitionAction,
  petitionActionsFrom,
  petitionDeadlines,
  planPetitionAction,
  PetitionStatus,
  redactPersonalData,
  toLocalDate,
  workingDaysAfter,
} from '@app/domain';
import { PetitionEventPayload, PetitionEventType } from '@app/messaging';
import {
  NewPetitionEvent,
  PetitionChanges,
  PetitionRecord,
  PetitionRepository,
  WorkingCalendarService,
} from '@app/database';
import { Clock } from '../clock/clock';

export type PetitionChannel = 'web' | 'in_person' | 'phone' | 'post' | 'email';

export interface PetitionIntake {
  channel: PetitionChannel;
  title: string;
  content: string;
  petitioner: { fullName: string; address: string; phone?: string; email?: string };
  applicationCode?: string;
  procedureCode?: string;
  consentToPublish: boolean;
}

export interface PetitionActionInput {
  version: number;
  reason?: string;
  request?: string;
  toBody?: string;
  note?: string;
  answer?: string;
}

export type PetitionView = Omit<PetitionRecord, 'applicationId'> & {
  statusLabel: string;
  availableActions: PetitionAction[];
};

function toView(r: PetitionRecord): PetitionView {
  const { applicationId: _omit, ...rest } = r;
  return {
    ...rest,
    statusLabel: PETITION_STATUS_LABEL_VI[r.status],
    availableActions: petitionActionsFrom(r.status).filter(
      (a) => a !== PetitionAction.Publish || r.consentToPublish,
    ),
  };
}

/** The steps the petitioner is told about (by e-mail, through the outbox). */
const EVENT_OF: Partial<Record<PetitionAction, PetitionEventType>> = {
  [PetitionAction.Refuse]: PetitionEventType.NotAccepted,
  [PetitionAction.RequestClarification]: PetitionEventType.ClarificationRequested,
  [PetitionAction.Forward]: PetitionEventType.Forwarded,
  [PetitionAction.Answer]: PetitionEventType.Answered,
  [PetitionAction.Publish]: PetitionEventType.Published,
};

function required(value: string | undefined, field: string): string {
  if (!value?.trim()) {
    throw DomainError.validation(field, 'is required for this action');
  }
  return value.trim();
}

/** PAKN: intake (public form, desk), the lifecycle with its clocks, publication, K9. */
@Injectable()
export class PetitionService {
  constructor(
    @Inject(PetitionRepository) private readonly petitions: PetitionRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async receive(input: PetitionIntake, actor: Actor | null): Promise<PetitionView> {
    if (!input.petitioner.phone && !input.petitioner.address.trim()) {
      throw DomainError.validation(
        'petitioner.phone',
        'a phone number or a postal address is required',
      );
    }
    const applicationId = input.applicationCode
      ? await this.petitions.applicationIdByCode(input.applicationCode)
      : null;
    if (input.applicationCode && !applicationId) {
      throw DomainError.validation('applicationCode', 'no application has this code');
    }
    const now = this.clock.now();
    const { version, rules } = await this.petitions.rulesAt(now);
    const deadlines = petitionDeadlines(
      now,
      rules,
      await this.calendars.current(),
      this.calendars.deadlinePolicy(),
    );
    const day = toLocalDate(now).slice(2).replace(/-/g, '');
    const record = await this.petitions.insert({
      id: randomUUID(),
      code: `PAKN-${day}-${randomBytes(3).toString('hex').toUpperCase()}`,
      channel: input.channel,
      title: input.title,
      content: input.content,
      petitionerName: input.petitioner.fullName,
      petitionerAddress: input.petitioner.address,
      petitionerPhone: input.petitioner.phone ?? null,
      petitionerEmail: input.petitioner.email ?? null,
      applicationId,
      procedureCode: input.procedureCode ?? null,
      consentToPublish: input.consentToPublish,
      ruleVersion: version,
      receivedAt: now,
      ...deadlines,
      recordedBy: actor?.id ?? null,
    });
    return toView(record);
  }

  async get(idOrCode: string): Promise<PetitionView> {
    const record = await this.petitions.find(idOrCode);
    if (!record) {
      throw DomainError.notFound('petition', idOrCode);
    }
    return toView(record);
  }

  /** The staff list: the petitioner's phone masked (whole in get()). */
  async list(status: PetitionStatus | null, limit: number): Promise<PetitionView[]> {
    return (await this.petitions.list(status, limit)).map((r) => ({
      ...toView(r),
      petitionerPhone: maskPhone(r.petitionerPhone),
    }));
  }

  async act(
    idOrCode: string,
    action: PetitionAction,
    input: PetitionActionInput,
    actor: Actor,
  ): Promise<PetitionView> {
    const record = await this.petitions.find(idOrCode);
    if (!record) {
      throw DomainError.notFound('petition', idOrCode);
    }
    const status = planPetitionAction(record.status, action);
    const now = this.clock.now();
    const changes: PetitionChanges = { status };
    let forward: Parameters<PetitionRepository['update']>[4];
    switch (action) {
      case PetitionAction.Refuse:
        changes.notAcceptedAt = now;
        changes.notAcceptedReason = required(input.reason, 'reason');
        break;
      case PetitionAction.RequestClarification:
        changes.clarificationRequestedAt = now;
        changes.clarificationRequest = required(input.request, 'request');
        break;
      case PetitionAction.Forward: {
        const { rules } = await this.petitions.rulesAt(new Date(record.receivedAt));
        forward = {
          toBody: required(input.toBody, 'toBody'),
          // Each forward has its own limit, counted from the forward.
          dueAt: workingDaysAfter(
            now,
            rules.answerDays,
            await this.calendars.current(),
            this.calendars.deadlinePolicy(),
          ),
          note: input.note ?? null,
          by: actor.id,
        };
        break;
      }
      case PetitionAction.Start:
        changes.inProgressAt = now;
        break;
      case PetitionAction.Answer: {
        const { rules } = await this.petitions.rulesAt(new Date(record.receivedAt));
        changes.answeredAt = now;
        changes.answer = required(input.answer, 'answer');
        changes.publishDueAt = workingDaysAfter(
          now,
          rules.publishDays,
          await this.calendars.current(),
          this.calendars.deadlinePolicy(),
        );
        break;
      }
      case PetitionAction.Publish: {
        if (!record.consentToPublish) {
          throw new DomainError(
            DomainErrorCode.IllegalTransition,
            'the petitioner did not consent to publication',
            [{ field: 'consentToPublish', reason: 'publication needs the petitioner’s consent' }],
            { status: record.status, consentToPublish: false },
          );
        }
        const known = [
          record.petitionerName,
          record.petitionerAddress,
          record.petitionerPhone,
          record.petitionerEmail,
        ];
        changes.publishedAt = now;
        changes.publishedContent = redactPersonalData(record.content, known);
        changes.publishedAnswer = redactPersonalData(record.answer ?? '', known);
        break;
      }
    }
    const eventType = EVENT_OF[action];
    let event: NewPetitionEvent | undefined;
    if (eventType) {
      const payload: PetitionEventPayload = {
        petitionId: record.id,
        at: now.toISOString(),
        detail:
          changes.notAcceptedReason ??
          changes.clarificationRequest ??
          forward?.toBody ??
          changes.answer ??
          null,
      };
      event = { id: randomUUID(), type: eventType, payload: { ...payload } };
    }
    const outcome = await this.petitions.update(
      record.id,
      input.version,
      now,
      changes,
      forward,
      event,
    );
    if (outcome.status === 'not_found') {
      throw DomainError.notFound('petition', idOrCode);
    }
    if (outcome.status === 'stale') {
      throw new DomainError(
        DomainErrorCode.StaleVersion,
        'the petition was changed by someone else',
        [{ field: 'version', reason: `current version is ${outcome.current.version}` }],
        toView(outcome.current),
      );
    }
    return toView(outcome.record);
  }

  /** The public list of published answers: redacted text only, never the petitioner. */
  async published(q: string | null, limit: number) {
    return (await this.petitions.published(q, limit)).map((r) => ({
      code: r.code,
      title: r.title,
      content: r.publishedContent ?? '',
      answer: r.publishedAnswer ?? '',
      receivedAt: new Date(r.receivedAt).toISOString(),
      answeredAt: new Date(r.answeredAt).toISOString(),
      publishedAt: new Date(r.publishedAt).toISOString(),
    }));
  }

  /** K9 of a range, judged as of its end or now, whichever is earlier. */
  async k9(from: Date, to: Date): Promise<K9Figures> {
    const now = this.clock.now();
    const asOf = to.getTime() < now.getTime() ? to : now;
    return k9Rate(await this.petitions.k9Population(from, to), asOf);
  }
}
