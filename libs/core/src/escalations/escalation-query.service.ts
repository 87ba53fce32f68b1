import { Inject, Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@app/domain';
import { EscalationFilter, EscalationRecord, EscalationRepository } from '@app/database';
import { Clock } from '../clock/clock';

export interface EscalationReader {
  id: string;
  /** Directors, admins and the supervising office see every escalation; others only theirs. */
  seesAll: boolean;
}

/** Listing and acknowledging escalations (API). */
@Injectable()
export class EscalationQueryService {
  constructor(
    @Inject(EscalationRepository) private readonly escalations: EscalationRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  list(
    reader: EscalationReader,
    filter: Omit<EscalationFilter, 'recipientId'>,
  ): Promise<EscalationRecord[]> {
    return this.escalations.list({ ...filter, recipientId: reader.seesAll ? null : reader.id });
  }

  /** Not yet acknowledged, among those the reader sees. */
  countOpen(reader: EscalationReader): Promise<number> {
    return this.escalations.countOpen(reader.seesAll ? null : reader.id);
  }

  /** Only a recipient may acknowledge, once; a second time is a conflict showing the current row. */
  async acknowledge(userId: string, id: string): Promise<EscalationRecord> {
    const current = await this.escalations.findById(id);
    if (!current) {
      throw DomainError.notFound('Escalation', id);
    }
    if (!current.recipients.some((r) => r.userId === userId)) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        'Only a recipient may acknowledge this escalation',
      );
    }
    if (!(await this.escalations.acknowledge(id, userId, this.clock.now()))) {
      throw new DomainError(
        DomainErrorCode.Duplicate,
        'This escalation was already acknowledged',
        [],
        await this.escalations.findById(id),
      );
    }
    return (await this.escalations.findById(id)) as EscalationRecord;
  }
}
