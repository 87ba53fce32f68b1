import { Inject, Injectable } from '@nestjs/common';
import { DepartmentContent, DepartmentRecord, DepartmentRepository } from '@app/database';
import { DomainError, DomainErrorCode } from '@app/domain';

const notFound = (id: string) =>
  new DomainError(DomainErrorCode.NotFound, `Không tìm thấy phòng ban ${id}`);

@Injectable()
export class DepartmentsService {
  constructor(@Inject(DepartmentRepository) private readonly departments: DepartmentRepository) {}

  list(): Promise<DepartmentRecord[]> {
    return this.departments.list();
  }

  async get(id: string): Promise<DepartmentRecord> {
    const department = await this.departments.findById(id);
    if (!department) {
      throw notFound(id);
    }
    return department;
  }

  create(content: DepartmentContent): Promise<DepartmentRecord> {
    return this.departments.create(content);
  }

  /** Optimistic: a stale `version` gives STALE_VERSION with the current department. */
  async update(
    id: string,
    version: number,
    changes: Partial<DepartmentContent>,
  ): Promise<DepartmentRecord> {
    const result = await this.departments.update(id, version, changes);
    switch (result.status) {
      case 'updated':
        return result.record;
      case 'not_found':
        throw notFound(id);
      case 'stale':
        throw new DomainError(
          DomainErrorCode.StaleVersion,
          'Phòng ban đã được người khác sửa; hãy tải lại và sửa lại',
          [
            {
              field: 'version',
              reason: `is ${version}, the current version is ${result.current.version}`,
            },
          ],
          result.current,
        );
    }
  }
}
