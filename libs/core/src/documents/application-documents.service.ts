import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DepartmentRepository } from '@app/database';
import {
  FormKind,
  loadDocumentFonts,
  renderApology,
  renderControlSheet,
  renderReceipt,
  renderRefusal,
  renderStopNotice,
  renderSupplementRequest,
} from '@app/documents';
import type { Actor } from '@app/domain';
import {
  apologyFrom,
  controlSheetFrom,
  departmentIdsOf,
  DocumentContext,
  receiptFrom,
  refusalFrom,
  stopNoticeFrom,
  supplementRequestFrom,
} from './application-documents';
import { ApplicationQueryService } from '../applications/application-query.service';
import type { ApplicationView } from '../applications/application.view';
import { Clock } from '../clock/clock';
import { K1ContextProvider } from '../kpi/k1-context';
import { ApplicationFilesService } from '../online/application-files.service';

export interface RenderedDocument {
  /** "<code>-receipt.pdf" */
  filename: string;
  pdf: Buffer;
}

/** Renders the printed forms of one application, for a viewer allowed to see it. */
@Injectable()
export class ApplicationDocumentsService implements OnModuleInit {
  constructor(
    @Inject(ApplicationQueryService) private readonly queries: ApplicationQueryService,
    @Inject(DepartmentRepository) private readonly departments: DepartmentRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(K1ContextProvider) private readonly k1: K1ContextProvider,
    @Inject(ApplicationFilesService) private readonly files: ApplicationFilesService,
  ) {}

  /** A missing font package fails the boot rather than the first print. */
  onModuleInit(): void {
    loadDocumentFonts();
  }

  async render(kind: FormKind, idOrCode: string, viewer: Actor): Promise<RenderedDocument> {
    // Same department scoping as GET /applications/:id (404 unknown, 403 other department).
    const app = await this.queries.get(idOrCode, viewer);
    const ctx = await this.context(app);
    return { filename: `${app.code}-${kind}.pdf`, pdf: await this.draw(kind, app, ctx) };
  }

  private draw(kind: FormKind, app: ApplicationView, ctx: DocumentContext): Promise<Buffer> {
    switch (kind) {
      case FormKind.Receipt:
        return renderReceipt(receiptFrom(app, ctx));
      case FormKind.SupplementRequest:
        return renderSupplementRequest(supplementRequestFrom(app, ctx));
      case FormKind.Refusal:
        return renderRefusal(refusalFrom(app, ctx));
      case FormKind.Apology:
        return renderApology(apologyFrom(app, ctx));
      case FormKind.ControlSheet:
        return this.controlSheet(app, ctx);
      case FormKind.StopNotice:
        return renderStopNotice(stopNoticeFrom(app, ctx));
    }
  }

  /** The control sheet also lists the electronic documents kept with the application. */
  private async controlSheet(app: ApplicationView, ctx: DocumentContext): Promise<Buffer> {
    const keptFiles = (await this.files.listAttached(app.id)).map((f) => ({
      documentName: f.documentName,
      originalName: f.originalName,
      mediaType: f.mediaType,
      sizeBytes: f.sizeBytes,
      purpose: f.purpose,
      uploadedAt: new Date(f.uploadedAt),
    }));
    return renderControlSheet({ ...controlSheetFrom(app, ctx), keptFiles });
  }

  private async context(app: ApplicationView): Promise<DocumentContext> {
    const names = new Map<string, string>();
    for (const id of departmentIdsOf(app)) {
      const department = await this.departments.findById(id);
      if (department) {
        names.set(id, department.name);
      }
    }
    const { provinceName, name } = this.config.organization;
    return {
      organization: { provinceName, agencyName: name },
      publicBaseUrl: this.config.api.publicBaseUrl,
      departmentNames: names,
      now: this.clock.now(),
      k1: await this.k1.context(),
    };
  }
}
