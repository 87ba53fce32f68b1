import { randomUUID } from 'node:crypto';
import { DemoRandom } from '../../apps/cli/src/demo-history/demo-random';
import { searchKey } from '@app/domain';
import { applicant } from '../intake/dataset';
import { Catalog, CatalogProcedure } from './catalog';
import { GeneratedApplication, generatedHistory } from './k1-facts';
import { DAY_MS, isoDate, localDayOf, localMidnight, MINUTE_MS, WorkingDays } from './working-days';

/** The applications columns the generator writes; the others keep their defaults (NULL, '[]'). */
export const COPY_COLUMNS = [
  'id', 'code', 'agency_code', 'department_id', 'procedure_id', 'procedure_code', 'channel',
  'status', 'applicant_full_name', 'applicant_id_number', 'applicant_phone', 'search_text',
  'submitted_at', 'received_at', 'due_at', 'original_due_at', 'supplement_requested_at',
  'supplement_count', 'apology_count', 'payment_requested_at', 'withdrawal_requested_at',
  'result_ready_at', 'returned_at', 'stopped_at', 'stop_reason', 'result_delivery_channel',
  'assigned_officer_id', 'received_by', 'version', 'created_at', 'updated_at',
]; // prettier-ignore

export interface GeneratorPlan {
  total: number;
  seed: number;
  now: Date;
  years: number;
}

export interface GeneratorStats {
  rows: number;
  byStatus: Map<string, number>;
  /** Application code counters as intake leaves them: [agency, local day, last value]. */
  counters: Array<[string, string, number]>;
  firstDay: string;
  lastDay: string;
}

// Outcome shares, checked in this order (the rest finish early): a dossier stalled for good,
// stopped (refused after reception or withdrawn), late, on the appointment day.
const STUCK = 0.0001;
const STOPPED = 0.015;
const LATE = 0.035;
const ON_TIME = 0.22;
const OPEN_STATUSES: Array<[string, number]> = [
  ['processing', 0.72],
  ['received', 0.06],
  ['supplement_requested', 0.12],
  ['payment_required', 0.06],
  ['withdrawal_requested', 0.04],
];
/** Row versions as the transitions leave them (4 for the other statuses), plus one per apology. */
const VERSIONS: Record<string, number> = { received: 1, processing: 3, result_returned: 5 };
const ROWS_PER_CHUNK = 200;
const NULL = '\\N';
const OPEN_MINUTE = 7 * 60 + 30;
const CLOSE_MINUTE = 16 * 60 + 50;
const CUTOFF_MINUTE = 15 * 60;

/**
 * Applications received on the working days of the last `years` years, as COPY text rows in
 * chunks. Volume grows ~15 % a year, peaks in June–August (exam certificates) and dips around
 * Tết; procedures are Zipf-distributed, online grows from 25 % to 45 %. Due dates follow the
 * default deadline policy (day 0, 15:00 cut-off, 17:00 appointment), and each row's end is
 * placed relative to its appointment day so that its K1 class is what the share above says.
 */
export function* applicationRows(
  catalog: Catalog,
  calendar: WorkingDays,
  plan: GeneratorPlan,
  stats: GeneratorStats,
  onApplication: (app: GeneratedApplication) => void = () => undefined,
): Generator<string> {
  const rnd = new DemoRandom(plan.seed);
  const now = plan.now.getTime();
  const today = localDayOf(now);
  const receptionDays = calendar.days.filter(
    (d) => d > today - Math.round(plan.years * 365.25) && d <= today,
  );
  if (receptionDays.at(-1) === today && localMidnight(today) + OPEN_MINUTE * MINUTE_MS > now) {
    receptionDays.pop(); // the office has not opened yet today
  }
  const counts = spreadOver(receptionDays, plan.total);
  const pickProcedure = zipf(catalog.procedures, 0.8);
  const people = Array.from({ length: 1000 }, (_, i) => {
    const a = applicant(i);
    return { ...a, key: searchKey(a.fullName) };
  });
  stats.firstDay = isoDate(receptionDays[0]);
  stats.lastDay = isoDate(receptionDays[receptionDays.length - 1]);
  const ts = timestamps();
  const at = (day: number, minute: number) =>
    localMidnight(day) + minute * MINUTE_MS + rnd.int(0, 59_999);
  const officeTime = (day: number) => at(day, rnd.int(8 * 60, CLOSE_MINUTE));

  let chunk = '';
  let inChunk = 0;
  for (const [i, day] of receptionDays.entries()) {
    const date = isoDate(day);
    const yymmdd = date.slice(2).replace(/-/g, '');
    const onlineShare = 0.25 + (0.2 * i) / receptionDays.length;
    const minutesSoFar = Math.floor((now - localMidnight(day)) / MINUTE_MS) - 1;
    const lastMinute = day === today ? Math.min(CLOSE_MINUTE, minutesSoFar) : CLOSE_MINUTE;
    const sequence = new Map<string, number>();
    for (let k = 0; k < counts[i]; k++) {
      const p = pickProcedure(rnd.next());
      const seq = (sequence.get(p.agencyCode) ?? 0) + 1;
      sequence.set(p.agencyCode, seq);
      const code = `${p.agencyCode}-${yymmdd}-${seq < 10000 ? String(seq).padStart(4, '0') : seq}`;
      const person = people[stats.rows % people.length];
      const c = rnd.next();
      const channel = c < onlineShare ? 'online' : c < onlineShare + 0.06 ? 'postal' : 'direct';
      const minute = rnd.int(OPEN_MINUTE, lastMinute);
      const receivedAt = at(day, minute);
      const submittedAt = channel === 'online' ? receivedAt - rnd.int(10, 2880) * MINUTE_MS : null;
      // Effective reception day (strictly after the cut-off: the next working day) is day 0.
      const afterCutoff = receivedAt - localMidnight(day) > CUTOFF_MINUTE * MINUTE_MS;
      const start = calendar.position(day) + (afterCutoff ? 1 : 0);
      const duePosition = start + p.timeLimitDays;
      const originalDueAt = localMidnight(calendar.day(duePosition)) + 17 * 60 * MINUTE_MS;
      const after = (position: number) => {
        const d = calendar.day(position);
        const t = officeTime(d);
        return d === day && t <= receivedAt + 10 * MINUTE_MS
          ? receivedAt + rnd.int(10, 20) * MINUTE_MS
          : t;
      };

      let status: string;
      let resultAt: number | null = null;
      let resultPosition = duePosition;
      let stoppedAt: number | null = null;
      let stopReason: string | null = null;
      const u = rnd.next();
      const stuck = u < STUCK;
      if (stuck) {
        resultPosition = duePosition + 10;
      } else if (u < STUCK + STOPPED) {
        stoppedAt = after(start + rnd.int(0, duePosition - start));
        stopReason = rnd.chance(0.4) ? 'withdrawn' : 'rejected';
      } else {
        const v = rnd.next();
        resultPosition =
          u < STUCK + STOPPED + LATE
            ? duePosition + 1 + Math.floor(v * v * 15)
            : u < STUCK + STOPPED + LATE + ON_TIME
              ? duePosition
              : start + Math.floor(v ** 3 * (duePosition - start));
        resultAt = after(resultPosition);
      }
      let apology = 0;
      let dueAt = originalDueAt;
      if (resultPosition > duePosition && originalDueAt < now && rnd.chance(0.5)) {
        apology = 1; // a letter of apology with a new appointment (K1 keeps the original)
        dueAt = localMidnight(calendar.day(resultPosition)) + 17 * 60 * MINUTE_MS;
      }

      let returnedAt: number | null = null;
      let supplementAt: number | null = null;
      let paymentAt: number | null = null;
      let withdrawalAt: number | null = null;
      const open = stuck || (resultAt ?? stoppedAt ?? 0) > now;
      if (open) {
        resultAt = stoppedAt = stopReason = null;
        status = now - receivedAt < 2 * 3_600_000 ? 'received' : weighted(rnd.next());
        const since = () => receivedAt + Math.floor(rnd.next() * (now - receivedAt));
        supplementAt = status === 'supplement_requested' ? since() : null;
        paymentAt = status === 'payment_required' ? since() : null;
        withdrawalAt = status === 'withdrawal_requested' ? since() : null;
      } else if (stoppedAt !== null) {
        status = 'stopped';
        withdrawalAt =
          stopReason === 'withdrawn'
            ? Math.max(receivedAt + MINUTE_MS, stoppedAt - rnd.int(1, 48) * 3_600_000)
            : null;
      } else {
        const ready = resultAt ?? receivedAt;
        const returned = Math.max(after(resultPosition + rnd.int(0, 5)), ready + 30 * MINUTE_MS);
        status = returned <= now && rnd.chance(0.93) ? 'result_returned' : 'result_ready';
        returnedAt = status === 'result_returned' ? returned : null;
      }
      const id = randomUUID();
      onApplication({
        id,
        departmentId: p.departmentId,
        procedureId: p.id,
        procedureCode: p.code,
        channel,
        receivedAt,
        appointmentAt: originalDueAt,
        limitDays: p.timeLimitDays,
        history: generatedHistory({
          receivedAt,
          channel,
          apologyAt: apology ? originalDueAt - 2 * 3_600_000 : null,
          supplementAt,
          paymentAt,
          withdrawalAt,
          resultAt,
          returnedAt,
          stoppedAt,
          stopReason,
        }),
      });
      const officers = catalog.officers.get(p.departmentId)!;
      const officer = status === 'received' ? NULL : officers[stats.rows % officers.length];
      const version = VERSIONS[status] ?? 4;
      const updatedAt = Math.max(
        receivedAt,
        returnedAt ?? resultAt ?? stoppedAt ?? supplementAt ?? paymentAt ?? withdrawalAt ?? 0,
      );
      chunk +=
        `${id}\t${code}\t${p.agencyCode}\t${p.departmentId}\t${p.id}\t${p.code}\t${channel}\t` +
        `${status}\t${person.fullName}\t${person.idNumber}\t${person.phone}\t${person.key} ${code.toLowerCase()}\t` +
        `${ts(submittedAt)}\t${ts(receivedAt)}\t${ts(dueAt)}\t${ts(originalDueAt)}\t${ts(supplementAt)}\t` +
        `${supplementAt === null ? 0 : 1}\t${apology}\t${ts(paymentAt)}\t${ts(withdrawalAt)}\t` +
        `${ts(resultAt)}\t${ts(returnedAt)}\t${ts(stoppedAt)}\t${stopReason ?? NULL}\t` +
        `${returnedAt === null ? NULL : channel}\t${officer}\t${catalog.receptionId}\t` +
        `${version + apology}\t${ts(submittedAt ?? receivedAt)}\t${ts(updatedAt)}\n`;
      stats.rows++;
      stats.byStatus.set(status, (stats.byStatus.get(status) ?? 0) + 1);
      if (++inChunk === ROWS_PER_CHUNK) {
        yield chunk;
        chunk = '';
        inChunk = 0;
      }
    }
    for (const [agency, last] of sequence) {
      stats.counters.push([agency, date, last]);
    }
  }
  if (chunk !== '') {
    yield chunk;
  }
}

/**
 * ISO-8601 UTC text of epoch milliseconds. Date#toISOString per value was half the generator's
 * time (seven per row, each a Date to collect): the date part is cached per day instead.
 */
function timestamps(): (ms: number | null) => string {
  const pad2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
  const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
  const days = new Map<number, string>();
  return (ms) => {
    if (ms === null) {
      return NULL;
    }
    const day = Math.floor(ms / DAY_MS);
    let prefix = days.get(day);
    if (prefix === undefined) {
      prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
      days.set(day, prefix);
    }
    let rest = ms - day * DAY_MS;
    const hour = Math.floor(rest / 3_600_000);
    rest -= hour * 3_600_000;
    const minute = Math.floor(rest / MINUTE_MS);
    rest -= minute * MINUTE_MS;
    const second = Math.floor(rest / 1000);
    return `${prefix}${pad2[hour]}:${pad2[minute]}:${pad2[second]}.${pad3[rest - second * 1000]}Z`;
  };
}

function weighted(r: number): string {
  for (const [status, share] of OPEN_STATUSES) {
    r -= share;
    if (r < 0) {
      return status;
    }
  }
  return OPEN_STATUSES[0][0];
}

/** Applications per reception day: growth, season and weekday, summing exactly to `total`. */
function spreadOver(days: number[], total: number): number[] {
  const first = days[0];
  const weights = days.map((day) => {
    const date = new Date(day * DAY_MS);
    const month = date.getUTCMonth() + 1;
    const season = month >= 6 && month <= 8 ? 1.4 : month <= 2 ? 0.8 : 1;
    const weekday = [0.8, 1.15, 1, 1, 1, 0.9, 0.8][date.getUTCDay()];
    return (1 + (0.15 * (day - first)) / 365) * season * weekday;
  });
  const sum = weights.reduce((s, w) => s + w, 0);
  let cumulative = 0;
  let given = 0;
  return weights.map((w) => {
    cumulative += w;
    const upTo = Math.round((total * cumulative) / sum);
    const n = upTo - given;
    given = upTo;
    return n;
  });
}

/** A sampler over procedures in popularity order, weight 1 / rank^s. */
function zipf(procedures: CatalogProcedure[], s: number): (u: number) => CatalogProcedure {
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 1; rank <= procedures.length; rank++) {
    sum += 1 / rank ** s;
    cumulative.push(sum);
  }
  return (u) => {
    const target = u * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return procedures[lo];
  };
}
