import { Module } from '@nestjs/common';
import {
  DepartmentRepository,
  ProcedureDocumentRepository,
  ProcedureRepository,
} from '@app/database';
import { DepartmentsController } from './departments.controller';
import { DepartmentsService } from './departments.service';
import { ProceduresController } from './procedures.controller';
import { ProceduresService } from './procedures.service';
import { ProcedureDocumentsController } from './procedure-documents.controller';
import { ProcedureDocumentsService } from './procedure-documents.service';

/** Departments and the versioned procedure catalog. */
@Module({
  controllers: [DepartmentsController, ProceduresController, ProcedureDocumentsController],
  providers: [
    DepartmentsService,
    ProceduresService,
    DepartmentRepository,
    ProcedureRepository,
    ProcedureDocumentsService,
    ProcedureDocumentRepository,
  ],
})
export class CatalogModule {}
