import { Module } from '@nestjs/common';
import { ResultDocumentsController } from './result-documents.controller';

/** Signed results (PAdES): signing, upload, verification report, the per-procedure rule. */
@Module({ controllers: [ResultDocumentsController] })
export class SignaturesModule {}
