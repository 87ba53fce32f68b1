import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { DepartmentRow, ProcedureRow } from './factories';

export type K1FixtureEnding = {
  category: 'resolved' | 'stopped' | 'withdrawn' | 'awaiting_supplement';
  verdict: 'early' | 'on_day' | 'late';
  at: string;
} | null;

const STATUS = {
  resolved: 'result_ready',
  stopped: 'stopped',
  withdrawn: 'withdrawal_requested',
  awaiting_supplement: 'supplement_requested',
} as const;

/**
 * An application with the K1 segments the worker would have written for it, for tests of the
 * read path that need a data set without driving the lifecycle. `lateFrom`: when the open
 * segment turns late (the start of the day after the appointment, plus 1 ms).
 */
export async function insertK1Application(
  db: Pool,
  f: {
    department: DepartmentRow;
    procedure: ProcedureRow;
    code: string;
    channel?: string;
    receivedAt: string;
    dueAt: string;
    ending: K1FixtureEnding;
    documents?: Array<{ name: string; copies: number }>;
    applicant?: { fullName: string; address?: string; phone?: string };
  },
): Promise<string> {
  const id = randomUUID();
  const channel = f.channel ?? 'direct';
  const status = f.ending ? STATUS[f.ending.category] : 'processing';
  await db.query(
    `INSERT INTO applications (id, code, agency_code, department_id, procedure_id, procedure_code, channel, status,
       applicant_full_name, applicant_id_number, applicant_phone, applicant_address, search_text, documents,
       received_at, due_at, original_due_at, result_ready_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '001099000002', $10, $11, $2, $12, $13, $14, $14, $15)`,
    [
      id,
      f.code,
      f.department.agencyCode,
      f.department.id,
      f.procedure.id,
      f.procedure.code,
      channel,
      status,
      f.applicant?.fullName ?? 'Lê Thị Hoa',
      f.applicant?.phone ?? '0912345678',
      f.applicant?.address ?? null,
      JSON.stringify(f.documents ?? []),
      f.receivedAt,
      f.dueAt,
      f.ending?.category === 'resolved' ? f.ending.at : null,
    ],
  );
  const dueDay = new Date(Date.parse(f.dueAt) + 7 * 3_600_000).toISOString().slice(0, 10);
  const lateFrom = new Date(Date.parse(`${dueDay}T00:00:00+07:00`) + 86_400_000 + 1);
  const segment = (
    from: string,
    to: string | null,
    category: string,
    endAt: string | null,
    verdict: string | null,
    late: Date | null,
  ) =>
    db.query(
      `INSERT INTO kpi_k1_segments (application_id, valid_from, valid_to, category, end_at, verdict, late_from,
         received_at, department_id, procedure_code, channel)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        from,
        to,
        category,
        endAt,
        verdict,
        late,
        f.receivedAt,
        f.department.id,
        f.procedure.code,
        channel,
      ],
    );
  await segment(f.receivedAt, f.ending?.at ?? null, 'open', null, null, lateFrom);
  if (f.ending) {
    await segment(f.ending.at, null, f.ending.category, f.ending.at, f.ending.verdict, null);
  }
  return id;
}
