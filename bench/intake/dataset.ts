import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { ClientBase } from 'pg';
import type {
  IntakeProcedure,
  NewApplication,
} from '@app/database/applications/application.repository';
import { ApplicationStatus, Channel, searchKey, toLocalDate, TransitionAction } from '@app/domain';
import { ApplicationEventType } from '@app/messaging/events/application-event-type';

/**
 * The bench data set: a province's one-stop desk receiving for several units, each with its own
 * agency code (intake codes are numbered per agency and day, so the counter rows are spread the
 * way production spreads them), procedures with working-day time limits, one reception account.
 */
export const DEPARTMENT_COUNT = 8;
export const PROCEDURE_COUNT = 20;
export const RECEPTION_USER = { username: 'bench.tiepnhan', password: 'bench-intake@2026' };

export interface Applicant {
  fullName: string;
  idNumber: string;
  phone: string;
}

export interface IntakeBody {
  procedureCode: string;
  channel: Channel;
  applicant: Applicant;
}

export interface BenchActor {
  id: string;
  role: string;
}

const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Đặng',
  'Bùi',
];
const MIDDLE_NAMES = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Đức'];
const GIVEN_NAMES = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Linh', 'Phúc', 'Quân'];
const CHANNELS = [Channel.Direct, Channel.Online, Channel.Postal];

export function procedureCode(index: number): string {
  return `1.${String(5001 + index).padStart(6, '0')}`;
}

export function agencyCode(departmentIndex: number): string {
  return `000.${String(departmentIndex + 21).padStart(2, '0')}.12.H00`;
}

export function applicant(index: number): Applicant {
  return {
    fullName: [
      FAMILY_NAMES[index % FAMILY_NAMES.length],
      MIDDLE_NAMES[index % MIDDLE_NAMES.length],
      GIVEN_NAMES[Math.floor(index / FAMILY_NAMES.length) % GIVEN_NAMES.length],
    ].join(' '),
    idNumber: `0012030${String(40000 + index * 37).padStart(5, '0')}`,
    phone: `09${String(12345678 + index * 7919).slice(-8)}`,
  };
}

/**
 * The bodies the load cycles over: every procedure, a spread of applicants, all three channels.
 * 60 = lcm(20 procedures, 3 channels), so each combination comes up equally often.
 */
export function intakeBodies(count = 60): IntakeBody[] {
  return Array.from({ length: count }, (_, i) => ({
    procedureCode: procedureCode(i % PROCEDURE_COUNT),
    channel: CHANNELS[i % CHANNELS.length],
    applicant: applicant(i),
  }));
}

/** Inserts departments, procedures and the reception user; returns the user. */
export async function seedCatalog(client: ClientBase): Promise<BenchActor> {
  const departmentIds: string[] = [];
  for (let d = 0; d < DEPARTMENT_COUNT; d++) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO departments (code, name, agency_code) VALUES ($1, $2, $3) RETURNING id`,
      [`BENCH-D${d + 1}`, `Phòng thử tải ${d + 1}`, agencyCode(d)],
    );
    departmentIds.push(rows[0].id);
  }
  for (let p = 0; p < PROCEDURE_COUNT; p++) {
    await client.query(
      `INSERT INTO procedures (code, version, is_current, name, department_id, time_limit_value,
         time_limit_unit, online_level, fee_vnd)
       VALUES ($1, 1, true, $2, $3, $4, 'working_days', $5, $6)`,
      [
        procedureCode(p),
        `Thủ tục thử tải số ${p + 1}`,
        departmentIds[p % DEPARTMENT_COUNT],
        [3, 5, 7, 10, 15, 20][p % 6],
        ['full', 'partial', 'none'][p % 3],
        (p % 4) * 50_000,
      ],
    );
  }
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO users (username, password_hash, full_name, role, department_id)
     VALUES ($1, $2, 'Cán bộ tiếp nhận (thử tải)', 'reception', NULL) RETURNING id`,
    [RECEPTION_USER.username, await bcrypt.hash(RECEPTION_USER.password, 10)],
  );
  return { id: rows[0].id, role: 'reception' };
}

/**
 * What IntakeService builds for a desk intake ('received'), for the ceiling loop: the same
 * fields, payloads and sizes. The due date is a plain day offset instead of the working-day
 * calendar, which is CPU in the API, not database work; the database sees a timestamptz either way.
 */
export function newDeskApplication(
  procedure: IntakeProcedure,
  body: IntakeBody,
  actor: BenchActor,
  now: Date,
): NewApplication {
  const id = randomUUID();
  const dueAt = new Date(now.getTime() + procedure.timeLimitValue * 86_400_000);
  const status = ApplicationStatus.Received;
  return {
    id,
    agencyCode: procedure.agencyCode,
    codeDay: toLocalDate(now),
    procedure,
    channel: body.channel,
    status,
    applicant: { ...body.applicant, kind: 'person', email: null, address: null },
    searchText: searchKey(body.applicant.fullName),
    documents: [],
    receivedDocuments: [],
    note: null,
    submittedAt: null,
    receivedAt: now,
    dueAt,
    receivedBy: actor.id,
    history: {
      at: now,
      actorId: actor.id,
      actorRole: actor.role,
      action: TransitionAction.Receive,
      fromStatus: null,
      toStatus: status,
      note: null,
      payload: { channel: body.channel, documents: [] },
    },
    event: {
      id: randomUUID(),
      type: ApplicationEventType.Received,
      occurredAt: now,
      payload: {
        applicationId: id,
        departmentId: procedure.departmentId,
        procedureId: procedure.id,
        procedureCode: procedure.code,
        channel: body.channel,
        fromStatus: null,
        toStatus: status,
        at: now.toISOString(),
        actorId: actor.id,
        receivedAt: now.toISOString(),
        dueAt: dueAt.toISOString(),
        originalDueAt: dueAt.toISOString(),
        version: 1,
        data: {},
      },
    },
  };
}
