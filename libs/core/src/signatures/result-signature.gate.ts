import { Inject, Injectable } from '@nestjs/common';
import { verifyPdfSignatures } from '@app/documents';
import { ApplicationRecord, ResultDocumentRepository } from '@app/database';
import { FileStore } from '@app/storage';
import { Clock } from '../clock/clock';
import { SignatureTrustService } from './signature-trust.service';

export interface ResultSignatureCheck {
  /** The procedure requires a verified signed result before "result ready". */
  required: boolean;
  /** The application's result document verified now (K6 counts it). */
  verified: boolean;
  /** Why not, for the 4xx and the record. */
  reason: string | null;
  documentId: string | null;
}

/**
 * Checks the application's result document when it is marked ready: its signature is
 * verified again from the stored bytes (not taken from the report made when it was stored),
 * so a CRL or anchor configured since counts.
 */
@Injectable()
export class ResultSignatureGate {
  constructor(
    @Inject(ResultDocumentRepository) private readonly documents: ResultDocumentRepository,
    @Inject(FileStore) private readonly store: FileStore,
    @Inject(SignatureTrustService) private readonly trust: SignatureTrustService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async check(record: ApplicationRecord): Promise<ResultSignatureCheck> {
    const required = await this.documents.requiresSignedResult(record.procedureCode);
    const document = await this.documents.latest(record.id);
    if (!document) {
      return {
        required,
        verified: false,
        reason: 'the application has no result document',
        documentId: null,
      };
    }
    const bytes = await this.store.get(document.sha256);
    if (!bytes) {
      return {
        required,
        verified: false,
        reason: 'the result document is missing from the store',
        documentId: document.id,
      };
    }
    const result = await verifyPdfSignatures(bytes, await this.trust.trust(), this.clock.now());
    return { required, verified: result.verified, reason: result.reason, documentId: document.id };
  }
}
