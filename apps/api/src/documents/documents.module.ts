import { Module } from '@nestjs/common';
import { DepartmentRepository } from '@app/database';
import { ApplicationDocumentsService, K1ContextProvider } from '@app/core';
import { DocumentsController } from './documents.controller';

/** The printed forms (receipt, supplement request, refusal, apology, control sheet) as PDF. */
@Module({
  controllers: [DocumentsController],
  providers: [ApplicationDocumentsService, DepartmentRepository, K1ContextProvider],
})
export class DocumentsModule {}
