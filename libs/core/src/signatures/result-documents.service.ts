import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  Actor,
  ApplicationStatus,
  assertCanActOnApplication,
  assertCanSeeApplication,
  checkFileContent,
  DomainError,
  DomainErrorCode,
  Role,
} from '@app/domain';
import {
  PdfVerification,
  renderSignedResult,
  SigningError,
  verifyPdfSignatures,
} from '@app/documents';
import {
  ApplicationRecord,
  ApplicationRepository,
  ResultDocumentRecord,
  ResultDocumentRepository,
  ResultDocumentSource,
} from '@app/database';
import { FileStore } from '@app/storage';
import { Clock } from '../clock/clock';
import { placeOf } from '../applications/application.view';
import { ResultSignerService } from './result-signer.service';
import { SignatureTrustService } from './signature-trust.service';

export interface ResultDocumentView {
  id: string;
  source: ResultDocumentSource;
  resultNumber: string | null;
  sizeBytes: number;
  createdAt: string;
  createdBy: string;
  /** Verified when stored (mark-result-ready verifies again). */
  verified: boolean;
  reason: string | null;
  signatures: PdfVerification['signatures'];
}

export interface SignResultInput {
  /** What was decided (printed on the result). */
  content: string;
  resultNumber?: string;
  /** Above the signature: "Giám đốc" by default. */
  signerTitle?: string;
}

/** Results are signed, or uploaded signed, while the application is being processed. */
const SIGNABLE: ReadonlySet<string> = new Set([ApplicationStatus.Processing]);
/** The Department's leaders sign (domain spec: a Department leader signs). */
const SIGNERS: ReadonlySet<string> = new Set([Role.Director, Role.Head]);
const UPLOADERS: ReadonlySet<string> = new Set([Role.Officer, Role.Head, Role.Director]);

function toView(doc: ResultDocumentRecord): ResultDocumentView {
  const verification = doc.verification as unknown as PdfVerification;
  return {
    id: doc.id,
    source: doc.source,
    resultNumber: doc.resultNumber,
    sizeBytes: doc.sizeBytes,
    createdAt: new Date(doc.createdAt).toISOString(),
    createdBy: doc.createdBy,
    verified: doc.verified,
    reason: verification.reason ?? null,
    signatures: verification.signatures ?? [],
  };
}

/**
 * The electronic result of an application (issue 13 item 3): rendered and signed here
 * through the signing port, or uploaded already signed (e.g. with a USB token), verified and
 * stored. mark-result-ready checks it (ResultSignatureGate).
 */
@Injectable()
export class ResultDocumentsService {
  constructor(
    @Inject(ApplicationRepository) private readonly applications: ApplicationRepository,
    @Inject(ResultDocumentRepository) private readonly documents: ResultDocumentRepository,
    @Inject(FileStore) private readonly store: FileStore,
    @Inject(ResultSignerService) private readonly signer: ResultSignerService,
    @Inject(SignatureTrustService) private readonly trust: SignatureTrustService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sign(idOrCode: string, input: SignResultInput, actor: Actor): Promise<ResultDocumentView> {
    const record = await this.actable(idOrCode, actor, SIGNERS, 'sign a result');
    const key = this.signer.signingKey();
    if (!key) {
      // A setting of this deployment, not an outage: retrying will not help (409, not 503).
      throw new DomainError(
        DomainErrorCode.IllegalTransition,
        'No signing key is configured (SIGNING_MODE=none): upload the signed result instead',
        [{ field: 'signing', reason: 'no signing key is configured here' }],
      );
    }
    const now = this.clock.now();
    let pdf: Buffer;
    try {
      pdf = await renderSignedResult(
        {
          organization: {
            provinceName: this.config.organization.provinceName,
            agencyName: this.config.organization.name,
          },
          code: record.code,
          applicant: {
            fullName: record.applicantFullName,
            kind: record.applicantKind === 'organization' ? 'organization' : 'person',
            address: record.applicantAddress,
            phone: null,
            email: null,
          },
          matter: record.procedureName,
          resultNumber: input.resultNumber ?? null,
          content: input.content,
          signerTitle: input.signerTitle ?? 'Giám đốc',
        },
        {
          key: await key,
          timestamps: this.signer.timestamps(),
          signingTime: now,
          location: this.config.organization.provinceName,
        },
      );
    } catch (error) {
      if (error instanceof SigningError) {
        throw new DomainError(
          error.unavailable ? DomainErrorCode.Unavailable : DomainErrorCode.Validation,
          `The result could not be signed: ${error.message}`,
          error.unavailable ? [] : [{ field: 'signature', reason: error.message }],
        );
      }
      throw error;
    }
    return this.store_(record, pdf, 'signed_here', input.resultNumber ?? null, actor, now);
  }

  async upload(
    idOrCode: string,
    pdf: Buffer,
    resultNumber: string | null,
    actor: Actor,
  ): Promise<ResultDocumentView> {
    const record = await this.actable(idOrCode, actor, UPLOADERS, 'upload a result');
    const check = checkFileContent(pdf, { ...this.config.storage, allowedTypes: ['pdf'] });
    if (!check.ok) {
      throw DomainError.validation('file', check.reason);
    }
    return this.store_(record, pdf, 'uploaded', resultNumber, actor, this.clock.now());
  }

  async current(idOrCode: string, viewer: Actor): Promise<ResultDocumentView> {
    const record = await this.visible(idOrCode, viewer);
    const doc = await this.documents.latest(record.id);
    if (!doc) {
      throw DomainError.notFound('result document of application', idOrCode);
    }
    return toView(doc);
  }

  async content(idOrCode: string, viewer: Actor): Promise<{ code: string; pdf: Buffer }> {
    const record = await this.visible(idOrCode, viewer);
    const doc = await this.documents.latest(record.id);
    const pdf = doc ? await this.store.get(doc.sha256) : null;
    if (!pdf) {
      throw DomainError.notFound('result document of application', idOrCode);
    }
    return { code: record.code, pdf };
  }

  /** Admin: whether a procedure's results must carry a verified signature. */
  async setRequirement(procedureCode: string, required: boolean, actor: Actor): Promise<void> {
    if (!(await this.documents.procedureExists(procedureCode))) {
      throw DomainError.notFound('procedure', procedureCode);
    }
    await this.documents.setRequiresSignedResult(
      procedureCode,
      required,
      actor.id,
      this.clock.now(),
    );
  }

  requirement(procedureCode: string): Promise<boolean> {
    return this.documents.requiresSignedResult(procedureCode);
  }

  private async store_(
    record: ApplicationRecord,
    pdf: Buffer,
    source: ResultDocumentSource,
    resultNumber: string | null,
    actor: Actor,
    now: Date,
  ): Promise<ResultDocumentView> {
    const verification = await verifyPdfSignatures(pdf, await this.trust.trust(), now);
    const stored = await this.store.put(pdf);
    const doc = await this.documents.insert({
      id: randomUUID(),
      applicationId: record.id,
      sha256: stored.sha256,
      sizeBytes: stored.sizeBytes,
      source,
      resultNumber,
      createdBy: actor.id,
      createdAt: now,
      verified: verification.verified,
      verification: verification as unknown as Record<string, unknown>,
    });
    return toView(doc);
  }

  private async visible(idOrCode: string, viewer: Actor): Promise<ApplicationRecord> {
    const record = await this.applications.findByIdOrCode(idOrCode);
    if (!record) {
      throw DomainError.notFound('application', idOrCode);
    }
    assertCanSeeApplication(viewer, placeOf(record));
    return record;
  }

  private async actable(
    idOrCode: string,
    actor: Actor,
    roles: ReadonlySet<string>,
    what: string,
  ): Promise<ApplicationRecord> {
    const record = await this.visible(idOrCode, actor);
    assertCanActOnApplication(actor, placeOf(record));
    if (!roles.has(actor.role)) {
      throw new DomainError(DomainErrorCode.Forbidden, `role ${actor.role} may not ${what}`);
    }
    if (!SIGNABLE.has(record.status)) {
      throw new DomainError(
        DomainErrorCode.IllegalTransition,
        `cannot ${what} for an application in status ${record.status}`,
        [
          {
            field: 'status',
            reason: `a result is signed while the application is ${[...SIGNABLE].join(', ')}`,
          },
        ],
      );
    }
    return record;
  }
}
