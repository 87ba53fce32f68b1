import { CalendarOverrideEntity } from './calendar-override.entity';
import { DepartmentEntity } from './department.entity';
import { ProcedureEntity } from './procedure.entity';
import { UserEntity } from './user.entity';

export { CalendarOverrideEntity, DepartmentEntity, ProcedureEntity, UserEntity };
export type { OnlineLevel, TimeLimitUnit } from './procedure.entity';

export const ENTITIES = [DepartmentEntity, ProcedureEntity, UserEntity, CalendarOverrideEntity];
