import type { ApplicationStatus } from '@app/domain';
import { sqlStatusList } from '../repositories/postgres';
import { APPLICATION_FROM, APPLICATION_SELECT } from './application.record';

export interface ListFilter {
  statuses?: string[];
  /**
   * A department's worklist: what it leads (applications.department_id) or holds now (the
   * receiver of the open liên thông step).
   */
  departmentId?: string | null;
  procedureCode?: string;
  channel?: string;
  /**
   * Overdue at `at`: in one of `statuses` (the open statuses whose clock runs — a paused clock is
   * never overdue; libs/domain runningClockStatuses) and due before `at`.
   */
  overdue?: { at: Date; statuses: readonly ApplicationStatus[] };
  dueBefore?: Date;
  receivedFrom?: Date;
  receivedTo?: Date;
  assignedOfficerId?: string;
  searchText?: string;
  sort: 'dueAt' | 'receivedAt';
  direction: 'asc' | 'desc';
  after?: { value: string | null; id: string };
  limit: number;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The keyset-paginated list as one statement and its parameters; `limit + 1` rows are read so
 * the caller knows whether more follow.
 *
 * A department's worklist is two ordered branches joined by UNION ALL rather than one
 * `department_id = $d OR EXISTS (...)`: the OR keeps the planner off the (department_id, ...)
 * index and, for a small department, walks the whole table in date order. The lead branch
 * reads through applications_department_received, the held branch starts from the open steps'
 * partial index application_steps_open_to (a few rows per department); each keeps `limit + 1`
 * rows, and `department_id <> $d` keeps an application handed back to its lead department from
 * appearing twice. Measured on 500k applications: the page of a 250k-application department
 * went from 170 to 80 ms (the narrow id pass below), that of a small department holding 2,000
 * others' applications from 2 to 11 ms.
 */
export function listQuery(filter: ListFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.statuses?.length) {
    where.push(`a.status = ANY(${param(filter.statuses)}::text[])`);
  }
  if (filter.procedureCode) {
    where.push(`a.procedure_code = ${param(filter.procedureCode)}`);
  }
  if (filter.channel) {
    where.push(`a.channel = ${param(filter.channel)}`);
  }
  if (filter.assignedOfficerId) {
    where.push(`a.assigned_officer_id = ${param(filter.assignedOfficerId)}`);
  }
  if (filter.overdue) {
    where.push(
      `a.status IN ${sqlStatusList(filter.overdue.statuses)} AND a.due_at < ${param(filter.overdue.at)}`,
    );
  }
  if (filter.dueBefore) {
    where.push(`a.due_at < ${param(filter.dueBefore)}`);
  }
  if (filter.receivedFrom) {
    where.push(`a.received_at >= ${param(filter.receivedFrom)}`);
  }
  if (filter.receivedTo) {
    where.push(`a.received_at < ${param(filter.receivedTo)}`);
  }
  if (filter.searchText) {
    where.push(`a.search_text LIKE ${param(`%${escapeLike(filter.searchText)}%`)}`);
  }
  const column = filter.sort === 'dueAt' ? 'a.due_at' : 'a.received_at';
  const asc = filter.direction === 'asc';
  if (filter.after) {
    // Rows with no date sort last in either direction.
    if (filter.after.value === null) {
      where.push(`${column} IS NULL AND a.id > ${param(filter.after.id)}`);
    } else {
      const v = param(filter.after.value);
      const id = param(filter.after.id);
      where.push(
        `(${column} ${asc ? '>' : '<'} ${v}::timestamptz OR (${column} = ${v}::timestamptz AND a.id > ${id}) OR ${column} IS NULL)`,
      );
    }
  }
  const limit = param(filter.limit + 1);
  const order = (key: string, id: string) =>
    `ORDER BY ${key} ${asc ? 'ASC' : 'DESC'} NULLS LAST, ${id} ASC LIMIT ${limit}`;
  // The page's ids are found on narrow rows of `applications` alone; only those rows are then
  // joined to their procedure and open step.
  const ids = (extra: string[]) => {
    const all = [...where, ...extra];
    return `SELECT a.id, ${column} AS k FROM applications a
      ${all.length ? `WHERE ${all.join(' AND ')}` : ''}
      ${order(column, 'a.id')}`;
  };
  let page: string;
  if (filter.departmentId) {
    const department = param(filter.departmentId);
    const led = ids([`a.department_id = ${department}`]);
    const held = ids([
      `a.department_id <> ${department}`,
      `EXISTS (SELECT 1 FROM application_steps s WHERE s.application_id = a.id
         AND s.completed_at IS NULL AND s.to_department_id = ${department})`,
    ]);
    page = `SELECT * FROM ((${led}) UNION ALL (${held})) u ${order('u.k', 'u.id')}`;
  } else {
    page = ids([]);
  }
  const sql = `SELECT ${APPLICATION_SELECT} FROM (${page}) page JOIN (${APPLICATION_FROM}) ON a.id = page.id
    ORDER BY page.k ${asc ? 'ASC' : 'DESC'} NULLS LAST, page.id ASC`;
  return { sql, params };
}
