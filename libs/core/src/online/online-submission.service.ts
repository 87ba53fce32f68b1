import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  ApplicationStatus,
  Channel,
  computeDueAt,
  DomainError,
  DomainErrorCode,
  PORTAL_STATUS_CODE,
  STATUS_LABEL_VI,
} from '@app/domain';
import {
  ApplicationFileRepository,
  ApplicationRepository,
  OnlineProcedureRecord,
  OnlineSubmissionRepository,
  WorkingCalendarService,
} from '@app/database';
import { IntakeService } from '../applications/intake.service';
import { Clock } from '../clock/clock';
import {
  ApplicationFilesService,
  FileContent,
  FileView,
  toFileView,
} from './application-files.service';
import { hashSecret, newCitizenSecret, secretMatches } from './citizen-token';

export interface AttachedUpload {
  id: string;
  uploadToken: string;
  documentName: string;
}

export interface OnlineSubmissionCommand {
  procedureCode: string;
  applicant: { fullName: string; idNumber: string; phone: string; email: string; address?: string };
  files: AttachedUpload[];
}

export interface OnlineSubmissionView {
  code: string;
  status: ApplicationStatus;
  portalStatusCode: number | null;
  statusLabel: string;
  procedureName: string;
  feeVnd: number;
  submittedAt: string;
  /** The desk accepts or refuses by then (domain spec §7). */
  checkDueAt: string;
  /** Shown once; with the code it opens the citizen's files and supplement upload. */
  accessToken: string;
}

export interface CitizenApplicationView {
  code: string;
  status: ApplicationStatus;
  portalStatusCode: number | null;
  statusLabel: string;
  files: FileView[];
}

/** Online submission (toàn trình / một phần) by the citizen, and the citizen's own access. */
@Injectable()
export class OnlineSubmissionService {
  constructor(
    @Inject(OnlineSubmissionRepository) private readonly online: OnlineSubmissionRepository,
    @Inject(ApplicationFileRepository) private readonly files: ApplicationFileRepository,
    @Inject(ApplicationFilesService) private readonly fileService: ApplicationFilesService,
    @Inject(IntakeService) private readonly intake: IntakeService,
    @Inject(ApplicationRepository) private readonly applications: ApplicationRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  procedures(): Promise<OnlineProcedureRecord[]> {
    return this.online.onlineProcedures();
  }

  async submit(command: OnlineSubmissionCommand): Promise<OnlineSubmissionView> {
    const [procedure] = await this.online.onlineProcedures(command.procedureCode);
    if (!procedure) {
      throw DomainError.validation(
        'procedureCode',
        `no current procedure with code ${command.procedureCode} is offered online`,
      );
    }
    this.checkDocuments(procedure.documents, command.files, 'files');
    const now = this.clock.now();
    const checkDueAt = computeDueAt({
      receivedAt: now,
      limit: { value: this.config.rules.onlineCheckWorkingDays, unit: 'working_days' },
      calendar: await this.calendars.current(),
      policy: this.calendars.deadlinePolicy(),
    });
    const access = newCitizenSecret();
    // Prepared before the transaction, which must not need a second pool connection.
    const prepared = await this.intake.prepare(
      {
        procedureCode: procedure.code,
        channel: Channel.Online,
        status: ApplicationStatus.Submitted,
        applicant: command.applicant,
        documents: command.files.map((f) => ({ name: f.documentName, copies: 1 })),
      },
      null,
    );
    const record = await this.online.transaction(async (manager) => {
      const inserted = await this.applications.insert(prepared, manager);
      await this.attach(manager, inserted.id, 'submission', now, command.files);
      await this.online.setCitizenAccess(manager, inserted.id, access.hash, checkDueAt);
      return inserted;
    });
    // Written in this transaction: wake the outbox relay now that it has committed.
    this.applications.signalOutbox();
    return {
      code: record.code,
      status: ApplicationStatus.Submitted,
      portalStatusCode: PORTAL_STATUS_CODE[ApplicationStatus.Submitted],
      statusLabel: STATUS_LABEL_VI[ApplicationStatus.Submitted],
      procedureName: procedure.name,
      feeVnd: procedure.feeVnd,
      submittedAt: now.toISOString(),
      checkDueAt: checkDueAt.toISOString(),
      accessToken: access.secret,
    };
  }

  async citizenView(code: string, token: string | undefined): Promise<CitizenApplicationView> {
    const app = await this.authorize(code, token);
    const status = app.status as ApplicationStatus;
    return {
      code: app.code,
      status,
      portalStatusCode: PORTAL_STATUS_CODE[status],
      statusLabel: STATUS_LABEL_VI[status],
      files: (await this.files.listForApplication(app.id)).map(toFileView),
    };
  }

  async citizenFile(code: string, token: string | undefined, fileId: string): Promise<FileContent> {
    const app = await this.authorize(code, token);
    return this.fileService.read(app.id, fileId);
  }

  /** The missing documents, uploaded online while a supplement is requested (spec §7). */
  async uploadSupplement(
    code: string,
    token: string | undefined,
    uploads: AttachedUpload[],
  ): Promise<CitizenApplicationView> {
    const app = await this.authorize(code, token);
    if ((app.status as ApplicationStatus) !== ApplicationStatus.SupplementRequested) {
      throw new DomainError(
        DomainErrorCode.IllegalTransition,
        `supplements are uploaded only while one is requested (status ${app.status})`,
        [{ field: 'status', reason: 'no supplement is requested' }],
        { status: app.status },
      );
    }
    if (uploads.length === 0) {
      throw DomainError.validation('files', 'at least one file is needed');
    }
    await this.online.transaction((manager) =>
      this.attach(manager, app.id, 'supplement', this.clock.now(), uploads),
    );
    return this.citizenView(code, token);
  }

  inbox(limit: number) {
    return this.online.inbox(limit);
  }

  private async authorize(code: string, token: string | undefined) {
    const app = await this.online.findByCode(code);
    // A wrong token answers exactly like an unknown code: codes cannot be probed.
    if (!app || !secretMatches(token, app.citizenTokenHash)) {
      throw DomainError.notFound('application', code);
    }
    return app;
  }

  private checkDocuments(required: string[], files: AttachedUpload[], field: string): void {
    const given = new Set(files.map((f) => f.documentName));
    required.forEach((name) => {
      if (!given.has(name)) {
        throw DomainError.validation(field, `the document "${name}" is required`);
      }
    });
    if (files.length === 0) {
      throw DomainError.validation(field, 'at least one document is needed');
    }
  }

  private async attach(
    manager: Parameters<ApplicationFileRepository['attach']>[0],
    applicationId: string,
    purpose: 'submission' | 'supplement',
    at: Date,
    uploads: AttachedUpload[],
  ): Promise<void> {
    const attached = await this.files.attach(
      manager,
      applicationId,
      purpose,
      at,
      uploads.map((u) => ({
        id: u.id,
        uploadTokenHash: hashSecret(u.uploadToken),
        documentName: u.documentName,
      })),
    );
    const missing = uploads.findIndex((u) => !attached.includes(u.id));
    if (missing >= 0) {
      // Rolls the transaction back: nothing is submitted with a file it cannot show.
      throw DomainError.validation(
        `files[${missing}].id`,
        'unknown upload, wrong upload token, or already attached',
      );
    }
  }
}
