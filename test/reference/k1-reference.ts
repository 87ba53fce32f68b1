/**
 * K1 (on-time rate) written straight from the domain spec, section 4, and the project's
 * decisions recorded in issue 8 — deliberately plain, and independent of the production code:
 * it imports nothing. Tests compare the API's figures with this; if the two disagree, one of
 * them is wrong, and this one is short enough to check by hand.
 *
 * Times are epoch milliseconds; days are local dates (Asia/Ho_Chi_Minh, UTC+7, no DST).
 */

export type LocalDate = string; // YYYY-MM-DD
export type Channel = 'direct' | 'online' | 'postal';
export type StopReason = 'rejected' | 'withdrawn' | 'other';

/** What happened to an application, as the driver did it (the action names of the API). */
export type RecordedAction =
  | 'submit'
  | 'receive'
  | 'refuse'
  | 'request-completion'
  | 'start'
  | 'assign'
  | 'hand-over'
  | 'apologize'
  | 'request-supplement'
  | 'receive-supplement'
  | 'require-payment'
  | 'confirm-payment'
  | 'request-withdrawal'
  | 'stop'
  | 'mark-result-ready'
  | 'return-result'
  | 'submit-for-review'
  | 'approve-review'
  | 'sign-result'
  | 'send-back';

export interface RecordedEvent {
  action: RecordedAction;
  at: number;
  stopReason?: StopReason;
  /** Free text for people reading a counterexample (e.g. "to <department>", "new due ..."). */
  note?: string;
}

/** One application's timeline. Events are in time order; reception is `receivedAt`. */
export interface RecordedApplication {
  id: string;
  code: string;
  /** The lead department (applications.department_id), never the one holding it. */
  departmentId: string;
  procedureCode: string;
  channel: Channel;
  /** null: never received (still submitted, or refused at the desk). */
  receivedAt: number | null;
  /** The appointment given at reception (original_due_at); apologies do not move it. */
  appointment: number | null;
  events: RecordedEvent[];
}

export interface K1Settings {
  /** PAYMENT_PAUSES_CLOCK: the time waiting for a payment is taken off like a supplement. */
  paymentPausesClock: boolean;
}

export type Category = 'resolved' | 'stopped' | 'withdrawn' | 'awaiting_supplement' | 'open';
export type Verdict = 'early' | 'on_day' | 'on_time' | 'late';

export interface Judgement {
  category: Category;
  verdict: Verdict;
  carriedOver: boolean;
  /** The K1 end as of T (for an open application, T − 1 ms) and the end after pauses. */
  end: number;
  endAdjusted: number;
}

export interface Figures {
  population: number;
  carriedOver: number;
  received: number;
  resolvedEarly: number;
  resolvedOnDay: number;
  resolvedLate: number;
  stoppedOnTime: number;
  stoppedLate: number;
  withdrawnOnTime: number;
  withdrawnLate: number;
  awaitingSupplementOnTime: number;
  awaitingSupplementLate: number;
  openOnTime: number;
  openLate: number;
  onTimeCount: number;
  lateCount: number;
  rate: number | null;
}

export const FIGURE_FIELDS: ReadonlyArray<keyof Figures> = [
  'population',
  'carriedOver',
  'received',
  'resolvedEarly',
  'resolvedOnDay',
  'resolvedLate',
  'stoppedOnTime',
  'stoppedLate',
  'withdrawnOnTime',
  'withdrawnLate',
  'awaitingSupplementOnTime',
  'awaitingSupplementLate',
  'openOnTime',
  'openLate',
  'onTimeCount',
  'lateCount',
  'rate',
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UTC_OFFSET = 7 * HOUR;

/** The local (UTC+7) date of an instant. */
export function localDay(at: number): LocalDate {
  return new Date(at + UTC_OFFSET).toISOString().slice(0, 10);
}

/** 00:00 local time of a local date. */
export function startOfLocalDay(day: LocalDate): number {
  return Date.parse(`${day}T00:00:00Z`) - UTC_OFFSET;
}

export function nextLocalDay(day: LocalDate): LocalDate {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

/** A range of local dates, both included. */
export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/** S and T of a period: 00:00 of `from`; 00:00 after `to`, or now if the period is not over. */
export function boundsOf(period: Period, now: number): { S: number; T: number } {
  const S = startOfLocalDay(period.from);
  const end = startOfLocalDay(nextLocalDay(period.to));
  return { S, T: Math.min(end, now) };
}

/**
 * Rules 1–5: whether the application belongs to the period [S, T) and how it is judged.
 * null: not in the population.
 */
export function judge(
  app: RecordedApplication,
  S: number,
  T: number,
  settings: K1Settings,
): Judgement | null {
  if (app.receivedAt === null || app.receivedAt >= T || app.appointment === null) {
    return null;
  }
  // As of T: later events are not known yet.
  const known = app.events.filter((e) => e.at < T);
  const firstAt = (action: RecordedAction) => known.find((e) => e.action === action);

  const supplementRequests = known.filter((e) => e.action === 'request-supplement');
  const supplementCompletions = known.filter((e) => e.action === 'receive-supplement');
  const ready = firstAt('mark-result-ready');
  const returned = firstAt('return-result');
  const stopped = firstAt('stop');
  const withdrawal = firstAt('request-withdrawal');
  const oneUnanswered =
    supplementRequests.length === 1 && supplementCompletions.length === 0
      ? supplementRequests[0]
      : undefined;

  // Rule 2: the K1 end, by precedence.
  let category: Category;
  let end: number;
  if (ready) {
    category = 'resolved';
    end = ready.at;
  } else if (returned) {
    category = 'resolved';
    end = returned.at;
  } else if (stopped) {
    category = stopped.stopReason === 'withdrawn' ? 'withdrawn' : 'stopped';
    end = stopped.at;
  } else if (withdrawal) {
    category = 'withdrawn';
    end = withdrawal.at;
  } else if (oneUnanswered) {
    category = 'awaiting_supplement';
    end = oneUnanswered.at;
  } else {
    category = 'open';
    end = T - 1;
  }

  // Rule 1: received before T (checked above), and its clock had not ended before S.
  if (end < S) {
    return null;
  }

  // Rule 3: supplement waits completed by the end; payment waits if they pause the clock.
  let endAdjusted = end;
  for (let i = 0; i < supplementRequests.length; i++) {
    const requested = supplementRequests[i].at;
    const completed = supplementCompletions.find((c) => c.at >= requested);
    if (completed && completed.at <= end) {
      endAdjusted -= completed.at - requested;
    }
  }
  if (settings.paymentPausesClock) {
    const required = known.filter((e) => e.action === 'require-payment');
    const confirmed = known.filter((e) => e.action === 'confirm-payment');
    for (const request of required) {
      if (request.at > end) {
        continue;
      }
      const confirmation = confirmed.find((c) => c.at >= request.at);
      const until = confirmation ? Math.min(confirmation.at, end) : end;
      endAdjusted -= until - request.at;
    }
  }

  // Rules 4 and 5: against the original appointment, by local day.
  const requestsByEnd = supplementRequests.filter((r) => r.at <= end).length;
  const endDay = localDay(endAdjusted);
  const dueDay = localDay(app.appointment);
  let verdict: Verdict;
  if (requestsByEnd > 1 || endDay > dueDay) {
    verdict = 'late';
  } else if (category === 'open') {
    verdict = 'on_time';
  } else if (category === 'resolved') {
    verdict = endDay < dueDay ? 'early' : 'on_day';
  } else {
    verdict = 'on_time';
  }
  return { category, verdict, carriedOver: app.receivedAt < S, end, endAdjusted };
}

export function emptyFigures(): Figures {
  return {
    population: 0,
    carriedOver: 0,
    received: 0,
    resolvedEarly: 0,
    resolvedOnDay: 0,
    resolvedLate: 0,
    stoppedOnTime: 0,
    stoppedLate: 0,
    withdrawnOnTime: 0,
    withdrawnLate: 0,
    awaitingSupplementOnTime: 0,
    awaitingSupplementLate: 0,
    openOnTime: 0,
    openLate: 0,
    onTimeCount: 0,
    lateCount: 0,
    rate: null,
  };
}

/** Rule 6: adds one member of the population to the figures (rate left for `finish`). */
export function count(f: Figures, j: Judgement): void {
  f.population += 1;
  if (j.carriedOver) {
    f.carriedOver += 1;
  } else {
    f.received += 1;
  }
  const late = j.verdict === 'late';
  switch (j.category) {
    case 'resolved':
      if (j.verdict === 'early') {
        f.resolvedEarly += 1;
      } else if (j.verdict === 'on_day') {
        f.resolvedOnDay += 1;
      } else {
        f.resolvedLate += 1;
      }
      break;
    case 'stopped':
      f[late ? 'stoppedLate' : 'stoppedOnTime'] += 1;
      break;
    case 'withdrawn':
      f[late ? 'withdrawnLate' : 'withdrawnOnTime'] += 1;
      break;
    case 'awaiting_supplement':
      f[late ? 'awaitingSupplementLate' : 'awaitingSupplementOnTime'] += 1;
      break;
    case 'open':
      f[late ? 'openLate' : 'openOnTime'] += 1;
      break;
  }
}

export function finish(f: Figures): Figures {
  f.onTimeCount =
    f.resolvedEarly +
    f.resolvedOnDay +
    f.stoppedOnTime +
    f.withdrawnOnTime +
    f.awaitingSupplementOnTime +
    f.openOnTime;
  f.lateCount = f.population - f.onTimeCount;
  f.rate = f.population === 0 ? null : Math.round((f.onTimeCount * 10000) / f.population) / 100;
  return f;
}

/** The figures of one period over some applications. */
export function figuresFor(
  apps: readonly RecordedApplication[],
  period: Period,
  now: number,
  settings: K1Settings,
): Figures {
  const { S, T } = boundsOf(period, now);
  const f = emptyFigures();
  for (const app of apps) {
    const j = judge(app, S, T, settings);
    if (j) {
      count(f, j);
    }
  }
  return finish(f);
}

export type GroupBy = 'department' | 'procedure' | 'channel' | 'month' | 'quarter';

export interface GroupedFigures {
  rows: Map<string, Figures>;
  total: Figures;
}

/** Rule 7: calendar months or quarters intersected with the range, each a period of its own. */
export function bucketsOf(range: Period, by: 'month' | 'quarter'): Array<Period & { key: string }> {
  const out: Array<Period & { key: string }> = [];
  let year = Number(range.from.slice(0, 4));
  let month = Number(range.from.slice(5, 7));
  if (by === 'quarter') {
    month = month - ((month - 1) % 3);
  }
  const step = by === 'month' ? 1 : 3;
  for (;;) {
    const start = `${year}-${String(month).padStart(2, '0')}-01`;
    if (start > range.to) {
      return out;
    }
    let nextYear = year;
    let nextMonth = month + step;
    if (nextMonth > 12) {
      nextMonth -= 12;
      nextYear += 1;
    }
    const nextStart = `${nextYear}-${String(nextMonth).padStart(2, '0')}-01`;
    const lastDay = localDay(startOfLocalDay(nextStart) - 1);
    const key =
      by === 'month' ? `${year}-${String(month).padStart(2, '0')}` : `${year}-Q${(month + 2) / 3}`;
    out.push({
      key,
      from: start < range.from ? range.from : start,
      to: lastDay > range.to ? range.to : lastDay,
    });
    year = nextYear;
    month = nextMonth;
  }
}

/** A grouped answer: rows by department / procedure code / channel, or by month / quarter. */
export function groupedFigures(
  apps: readonly RecordedApplication[],
  range: Period,
  groupBy: GroupBy,
  now: number,
  settings: K1Settings,
): GroupedFigures {
  const total = figuresFor(apps, range, now, settings);
  const rows = new Map<string, Figures>();
  if (groupBy === 'month' || groupBy === 'quarter') {
    for (const bucket of bucketsOf(range, groupBy)) {
      if (startOfLocalDay(bucket.from) < now) {
        rows.set(bucket.key, figuresFor(apps, bucket, now, settings));
      }
    }
    return { rows, total };
  }
  const keyOf = (a: RecordedApplication) =>
    groupBy === 'department'
      ? a.departmentId
      : groupBy === 'procedure'
        ? a.procedureCode
        : a.channel;
  const { S, T } = boundsOf(range, now);
  for (const app of apps) {
    const j = judge(app, S, T, settings);
    if (j) {
      const key = keyOf(app);
      const f = rows.get(key) ?? emptyFigures();
      count(f, j);
      rows.set(key, f);
    }
  }
  for (const f of rows.values()) {
    finish(f);
  }
  return { rows, total };
}

/** The drill-down list of a period: every member with its category and verdict. */
export function populationOf(
  apps: readonly RecordedApplication[],
  period: Period,
  now: number,
  settings: K1Settings,
): Map<string, Judgement> {
  const { S, T } = boundsOf(period, now);
  const out = new Map<string, Judgement>();
  for (const app of apps) {
    const j = judge(app, S, T, settings);
    if (j) {
      out.set(app.code, j);
    }
  }
  return out;
}

/**
 * K4 and K7's reception side (spec §4): applications received in the period, and of them
 * online (channel 2) and by post (channel 3). Received in the period = received in [S, T).
 */
export function receivedByChannel(
  apps: readonly RecordedApplication[],
  period: Period,
  now: number,
): { received: number; online: number; postal: number } {
  const { S, T } = boundsOf(period, now);
  const out = { received: 0, online: 0, postal: 0 };
  for (const app of apps) {
    if (app.receivedAt !== null && app.receivedAt >= S && app.receivedAt < T) {
      out.received += 1;
      if (app.channel === 'online') {
        out.online += 1;
      }
      if (app.channel === 'postal') {
        out.postal += 1;
      }
    }
  }
  return out;
}
