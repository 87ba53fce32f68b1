import { Inject, Injectable } from '@nestjs/common';
import {
  DepartmentRepository,
  UserChanges,
  UserFilter,
  UserRecord,
  UserRepository,
} from '@app/database';
import {
  DEPARTMENT_SCOPED_ROLES,
  DomainError,
  DomainErrorCode,
  FieldProblem,
  Role,
} from '@app/domain';
import bcrypt from 'bcryptjs';
import { AuthUser } from '../auth/auth-user';
import { departmentFilterFor } from '../auth/department-scope';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';

const BCRYPT_COST = 10;

/** Staff accounts, managed by the administrator. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(DepartmentRepository) private readonly departments: DepartmentRepository,
  ) {}

  /** Heads see their own department only (to pick an officer to assign). */
  async list(actor: AuthUser, filter: UserFilter): Promise<UserRecord[]> {
    const scope = departmentFilterFor(actor);
    if (scope !== null && filter.departmentId !== undefined && filter.departmentId !== scope) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        'Chỉ được xem danh sách cán bộ của phòng mình',
      );
    }
    return this.users.list({ ...filter, departmentId: scope ?? filter.departmentId });
  }

  async create(input: CreateUserDto): Promise<UserRecord> {
    const departmentId = input.departmentId ?? null;
    await this.assertDepartmentFits(input.role, departmentId);
    return this.users.create({
      username: input.username,
      passwordHash: await bcrypt.hash(input.password, BCRYPT_COST),
      fullName: input.fullName,
      email: input.email ?? null,
      role: input.role,
      departmentId,
    });
  }

  async update(actor: AuthUser, id: string, input: UpdateUserDto): Promise<UserRecord> {
    const { password, ...fields } = input;
    if (Object.values(input).every((value) => value === undefined)) {
      throw DomainError.validation('body', 'must contain at least one field to change');
    }
    const existing = await this.users.findById(id);
    if (!existing) {
      throw new DomainError(DomainErrorCode.NotFound, `Không tìm thấy người dùng ${id}`);
    }
    this.assertNotLockingOut(actor, id, input);
    const role = input.role ?? existing.role;
    const departmentId =
      input.departmentId === undefined ? existing.departmentId : input.departmentId;
    await this.assertDepartmentFits(role, departmentId);
    const changes: UserChanges = {
      ...fields,
      passwordHash: password === undefined ? undefined : await bcrypt.hash(password, BCRYPT_COST),
    };
    const updated = await this.users.update(id, changes);
    if (!updated) {
      throw new DomainError(DomainErrorCode.NotFound, `Không tìm thấy người dùng ${id}`);
    }
    return updated;
  }

  /** Officers and heads belong to a department; any department given must exist. */
  private async assertDepartmentFits(role: Role, departmentId: string | null): Promise<void> {
    if (departmentId === null) {
      if (DEPARTMENT_SCOPED_ROLES.includes(role)) {
        throw new DomainError(
          DomainErrorCode.Validation,
          'Chuyên viên và trưởng phòng phải thuộc một phòng ban',
          [{ field: 'departmentId', reason: `is required for role ${role}` }],
        );
      }
      return;
    }
    if (!(await this.departments.exists(departmentId))) {
      throw new DomainError(DomainErrorCode.Validation, 'Phòng ban không tồn tại', [
        { field: 'departmentId', reason: 'does not match any department' },
      ]);
    }
  }

  /** An administrator cannot demote or deactivate their own account (no lock-out). */
  private assertNotLockingOut(actor: AuthUser, id: string, input: UpdateUserDto): void {
    if (actor.id !== id) {
      return;
    }
    const problems: FieldProblem[] = [];
    if (input.role !== undefined && input.role !== actor.role) {
      problems.push({ field: 'role', reason: 'cannot be changed on your own account' });
    }
    if (input.active === false) {
      problems.push({ field: 'active', reason: 'cannot be turned off on your own account' });
    }
    if (problems.length > 0) {
      throw new DomainError(
        DomainErrorCode.Validation,
        'Không thể tự hạ quyền hoặc khóa tài khoản của chính mình',
        problems,
      );
    }
  }
}
