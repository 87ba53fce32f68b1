import { Inject, Injectable } from '@nestjs/common';
import { EscalationLevel, escalationAudience, Role } from '@app/domain';
import {
  EscalationRecipient,
  EscalationRepository,
  StaffMember,
  TransactionScope,
} from '@app/database';

/** Whom a deadline is about: who handles it and which department holds it now. */
export interface RecipientSubject {
  assignedOfficerId: string | null;
  /** The open liên thông step's receiver, else the lead department. */
  holdingDepartmentId: string;
}

const toRecipient = (p: StaffMember): EscalationRecipient => ({
  userId: p.id,
  email: p.email,
  role: p.role,
  name: p.fullName,
});

/**
 * Who hears about a deadline. Department-level reminders go to the department HOLDING the
 * application, since only it can act (canActOnApplication); the lead department reads the
 * escalation list like everyone else but is not paged for a step it cannot touch.
 */
@Injectable()
export class EscalationRecipients {
  constructor(@Inject(EscalationRepository) private readonly escalations: EscalationRepository) {}

  async forLevel(
    scope: TransactionScope,
    level: EscalationLevel,
    subject: RecipientSubject,
    supervisingEmail: string | null,
  ): Promise<EscalationRecipient[]> {
    const audience = escalationAudience(level);
    const people: StaffMember[] = [];
    if (audience.assignedOfficer) {
      people.push(...(await this.handlerOrHeads(scope, subject)));
    }
    if (audience.departmentHeads) {
      people.push(...(await this.heads(scope, subject.holdingDepartmentId)));
    }
    if (audience.directors) {
      people.push(...(await this.escalations.staff(scope, Role.Director)));
    }
    const recipients = people.map(toRecipient);
    if (audience.supervisingOffice) {
      recipients.push(...(await this.supervisingOffice(scope, supervisingEmail)));
    }
    return dedupe(recipients);
  }

  /**
   * The assigned officer while they belong to the holding department; otherwise (nobody
   * assigned, inactive, or the application went to another department) its heads stand in.
   */
  async handlerOrHeads(scope: TransactionScope, subject: RecipientSubject): Promise<StaffMember[]> {
    const officer = subject.assignedOfficerId
      ? await this.escalations.activeUser(scope, subject.assignedOfficerId)
      : null;
    if (officer && officer.departmentId === subject.holdingDepartmentId) {
      return [officer];
    }
    return this.heads(scope, subject.holdingDepartmentId);
  }

  private heads(scope: TransactionScope, departmentId: string): Promise<StaffMember[]> {
    return this.escalations.staff(scope, Role.Head, departmentId);
  }

  /**
   * The supervising office's accounts, in-app (and by digest to their own addresses); the
   * configured address only when no such account exists, so the office is not mailed twice.
   */
  private async supervisingOffice(
    scope: TransactionScope,
    fallbackEmail: string | null,
  ): Promise<EscalationRecipient[]> {
    const accounts = await this.escalations.staff(scope, Role.Supervisor);
    if (accounts.length > 0) {
      return accounts.map(toRecipient);
    }
    return fallbackEmail ? [{ email: fallbackEmail, role: 'supervising_office' }] : [];
  }
}

/** A head who is also the assigned officer is told once. */
function dedupe(recipients: EscalationRecipient[]): EscalationRecipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => {
    const key = r.userId ?? `email:${r.email ?? ''}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
