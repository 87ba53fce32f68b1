import { closeSync, openSync, writeSync } from 'node:fs';
import {
  DEFAULT_DEADLINE_POLICY,
  K1Context,
  KpiApplicationFacts,
  kpiApplicationFacts,
  KpiDailyCounter,
  KpiHistoryEntry,
  TransitionAction as A,
  WorkingCalendar,
} from '@app/domain';

/**
 * What the worker would have stored for each generated application, computed by the production
 * functions themselves (libs/domain kpiApplicationFacts), not re-derived in SQL: its K1
 * segments (kpi_k1_segments), its roll-up contributions (kpi_application_facts) and their sums
 * (kpi_daily_rollups). The generator hands each application's history here as it writes the
 * row; segments and facts go to COPY text files, the roll-ups accumulate in memory (one entry
 * per day × department × procedure × channel: ~150 k at 10 M applications).
 */
export interface GeneratedApplication {
  id: string;
  departmentId: string;
  procedureId: string;
  procedureCode: string;
  channel: string;
  receivedAt: number;
  /** The appointment set at reception. */
  appointmentAt: number;
  limitDays: number;
  history: KpiHistoryEntry[];
}

export const SEGMENT_COLUMNS = [
  'application_id', 'valid_from', 'valid_to', 'category', 'end_at', 'verdict', 'late_from',
  'received_at', 'department_id', 'procedure_code', 'channel',
]; // prettier-ignore
export const FACT_COLUMNS = [
  'application_id', 'department_id', 'procedure_id', 'channel', 'contributions', 'computed_at',
  'received_at', 'procedure_code', 'completed_at', 'completed_working_days', 'completed_signed',
]; // prettier-ignore

const NULL = '\\N';
const FLUSH_BYTES = 1 << 20;

export class K1FactsWriter {
  readonly rollups = new Map<string, Map<KpiDailyCounter, number>>();
  segments = 0;
  private readonly ctx: K1Context;
  private readonly files: Array<{ fd: number; buffer: string }>;
  private readonly computedAt = new Date().toISOString();
  private closed = false;

  constructor(
    calendar: WorkingCalendar,
    readonly segmentFile: string,
    readonly factFile: string,
  ) {
    // The defaults of configuration (K1_GRANULARITY=day, PAYMENT_PAUSES_CLOCK=false): what the
    // API started by bench:metrics uses, so the roll-ups and segments agree with its reads.
    this.ctx = {
      settings: {
        granularity: 'day',
        paymentPausesClock: false,
        deadlinePolicy: DEFAULT_DEADLINE_POLICY,
      },
      calendar,
    };
    this.files = [segmentFile, factFile].map((path) => ({ fd: openSync(path, 'w'), buffer: '' }));
  }

  add(app: GeneratedApplication): KpiApplicationFacts {
    const facts = kpiApplicationFacts(
      {
        receivedAt: new Date(app.receivedAt),
        appointmentAt: new Date(app.appointmentAt),
        limit: { value: app.limitDays, unit: 'working_days' },
        history: app.history,
      },
      this.ctx,
    );
    const iso = (d: Date | null) => (d === null ? NULL : d.toISOString());
    const received = new Date(app.receivedAt).toISOString();
    let segments = '';
    for (const s of facts.segments) {
      segments +=
        `${app.id}\t${iso(s.validFrom)}\t${iso(s.validTo)}\t${s.category}\t${iso(s.endAt)}\t` +
        `${s.verdict ?? NULL}\t${iso(s.lateFrom)}\t${received}\t${app.departmentId}\t` +
        `${app.procedureCode}\t${app.channel}\n`;
    }
    this.segments += facts.segments.length;
    this.append(0, segments);
    this.append(
      1,
      `${app.id}\t${app.departmentId}\t${app.procedureId}\t${app.channel}\t` +
        `${JSON.stringify(facts.contributions)}\t${this.computedAt}\t${received}\t` +
        `${app.procedureCode}\t${iso(facts.completion?.at ?? null)}\t` +
        `${facts.completion?.workingDays ?? NULL}\t${facts.completion ? facts.completion.signed : NULL}\n`,
    );
    for (const c of facts.contributions) {
      const key = `${c.day}|${app.departmentId}|${app.procedureId}|${app.channel}`;
      let counters = this.rollups.get(key);
      if (!counters) {
        counters = new Map();
        this.rollups.set(key, counters);
      }
      counters.set(c.counter, (counters.get(c.counter) ?? 0) + c.n);
    }
    return facts;
  }

  close(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    for (const [i, file] of this.files.entries()) {
      this.flush(i);
      closeSync(file.fd);
    }
  }

  private append(i: number, text: string): void {
    this.files[i].buffer += text;
    if (this.files[i].buffer.length >= FLUSH_BYTES) {
      this.flush(i);
    }
  }

  private flush(i: number): void {
    writeSync(this.files[i].fd, this.files[i].buffer);
    this.files[i].buffer = '';
  }
}

/** The history lines the generator's timestamps stand for, in order. */
export function generatedHistory(row: {
  receivedAt: number;
  channel: string;
  apologyAt: number | null;
  supplementAt: number | null;
  paymentAt: number | null;
  withdrawalAt: number | null;
  resultAt: number | null;
  returnedAt: number | null;
  stoppedAt: number | null;
  stopReason: string | null;
}): KpiHistoryEntry[] {
  const lines: KpiHistoryEntry[] = [{ at: new Date(row.receivedAt), action: A.Receive }];
  const push = (at: number | null, action: A, extra: Partial<KpiHistoryEntry> = {}) => {
    if (at !== null) {
      lines.push({ at: new Date(at), action, ...extra });
    }
  };
  push(row.supplementAt, A.RequestSupplement);
  push(row.paymentAt, A.RequirePayment);
  push(row.withdrawalAt, A.RequestWithdrawal);
  push(row.apologyAt, A.Apologize);
  push(row.resultAt, A.MarkResultReady, { signatureVerified: false });
  push(row.returnedAt, A.ReturnResult, {
    deliveryChannel: row.channel === 'postal' ? 'postal' : row.channel,
  });
  push(row.stoppedAt, A.Stop, { stopReason: row.stopReason });
  return lines.sort((a, b) => a.at.getTime() - b.at.getTime());
}
