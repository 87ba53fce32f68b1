import { Module } from '@nestjs/common';
import {
  DepartmentRepository,
  ProcedureDocumentRepository,
  ProcedureRepository,
  ProcedureStepBudgetRepository,
} from '@app/database';
import { DepartmentsController } from './departments.controller';
import { DepartmentsService } from './departments.service';
import { ProceduresController } from './procedures.controller';
import { ProceduresService } from './procedures.service';
import { ProcedureDocumentsController } from './procedure-documents.controller';
import { ProcedureDocumentsService } from './procedure-documents.service';
import { ProcedureStepBudgetsController } from './procedure-step-budgets.controller';
import { ProcedureStepBudgetsService } from './procedure-step-budgets.service';

/** Departments and the versioned procedure catalog. */
@Module({
  controllers: [
    DepartmentsController,
    ProceduresController,
    ProcedureDocumentsController,
    ProcedureStepBudgetsController,
  ],
  providers: [
    DepartmentsService,
    ProceduresService,
    DepartmentRepository,
    ProcedureRepository,
    ProcedureDocumentsService,
    ProcedureDocumentRepository,
    ProcedureStepBudgetsService,
    ProcedureStepBudgetRepository,
  ],
})
export class CatalogModule {}
