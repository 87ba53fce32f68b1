import { Module } from '@nestjs/common';
import { DepartmentRepository, ProcedureRepository } from '@app/database';
import { DepartmentsController } from './departments.controller';
import { DepartmentsService } from './departments.service';
import { ProceduresController } from './procedures.controller';
import { ProceduresService } from './procedures.service';

/** Departments and the versioned procedure catalog. */
@Module({
  controllers: [DepartmentsController, ProceduresController],
  providers: [DepartmentsService, ProceduresService, DepartmentRepository, ProcedureRepository],
})
export class CatalogModule {}
