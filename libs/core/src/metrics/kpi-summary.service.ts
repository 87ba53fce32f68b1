import { Inject, Injectable } from '@nestjs/common';
import {
  addLocalDays,
  atLocalTime,
  K1Figures,
  k2AverageWorkingDays,
  k3FullOnlineCoverage,
  k4OnlineShare,
  k5SyncLag,
  k5SyncRate,
  k7PostalShares,
  percentOf,
  runningClockStatuses,
  satisfactionRate,
  toLocalDate,
} from '@app/domain';
import {
  MetricsRepository,
  OtherPeriodCounts,
  PortalSyncRepository,
  WorkingCalendarService,
} from '@app/database';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock } from '../clock/clock';
import { SatisfactionRatingService } from '../ratings/satisfaction-rating.service';
import { PetitionService } from '../petitions/petition.service';
import { MetricsRange } from './metrics-scope';
import { OnTimeMetricsService } from './on-time-metrics.service';
import { PeriodFiguresService } from './period-figures.service';

export const K1_TARGET = 98;
/** A KPI within this many percentage points below its target is at risk, not yet missed. */
export const AT_RISK_MARGIN = 1;

export type KpiStatus = 'met' | 'at_risk' | 'missed' | 'no_target' | 'not_available';

export interface KpiValue {
  code: string;
  name: string;
  unit: 'percent' | 'working_days';
  value: number | null;
  target: number | null;
  numerator?: number;
  denominator?: number;
  status: KpiStatus;
  /** Why the status is what it is, or why there is no value. */
  note: string;
}

export interface Forecast {
  target: number;
  total: number;
  /** Ended (resolved, stopped, withdrawn, awaiting a supplement) early or on time. */
  onTimeSoFar: number;
  /** Ended late, or open and already past the appointment. */
  lateSoFar: number;
  /** Open and still within their deadline. */
  openPending: number;
  /** Of openPending, how many must finish on time: ceil(target × total ÷ 100) − onTimeSoFar. */
  required: number;
  achievable: boolean;
  arithmetic: string;
}

export function forecastFrom(f: K1Figures, target = K1_TARGET): Forecast {
  const openPending = f.openOnTime;
  const onTimeSoFar = f.onTimeCount - openPending;
  const lateSoFar = f.lateCount;
  // Integer arithmetic: the smallest count whose share of the population reaches the target.
  const needed = Math.ceil((target * f.population) / 100 - 1e-9);
  const required = Math.max(0, needed - onTimeSoFar);
  const achievable = required <= openPending;
  return {
    target,
    total: f.population,
    onTimeSoFar,
    lateSoFar,
    openPending,
    required,
    achievable,
    arithmetic:
      `⌈${target}% × ${f.population}⌉ = ${needed} on time needed; ${onTimeSoFar} already on time → ` +
      `${required} of the ${openPending} open within deadline must finish on time` +
      (achievable
        ? ''
        : ' (not achievable with the applications open now; only applications still to be received in the period can raise it)'),
  };
}

function status(value: number | null, target: number): KpiStatus {
  if (value === null) {
    return 'not_available';
  }
  if (value >= target) {
    return 'met';
  }
  return value >= target - AT_RISK_MARGIN ? 'at_risk' : 'missed';
}

/** K1–K9 for a range, each against its target (domain spec section 4). */
@Injectable()
export class KpiSummaryService {
  constructor(
    @Inject(MetricsRepository) private readonly metrics: MetricsRepository,
    @Inject(OnTimeMetricsService) private readonly onTime: OnTimeMetricsService,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(SatisfactionRatingService) private readonly ratings: SatisfactionRatingService,
    @Inject(PeriodFiguresService) private readonly periods: PeriodFiguresService,
    @Inject(PetitionService) private readonly petitions: PetitionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PortalSyncRepository) private readonly portal: PortalSyncRepository,
  ) {}

  async forecast(range: MetricsRange, departmentId: string | null): Promise<Forecast> {
    const counts = await this.periods.forRange(range, departmentId);
    return forecastFrom(this.onTime.total(counts));
  }

  async summary(range: MetricsRange, departmentId: string | null) {
    const [counts, coverage, rated, sync, k9] = await Promise.all([
      this.periods.forRange(range, departmentId),
      this.metrics.procedureCoverage(departmentId),
      this.ratings.counts(range.startAt, range.endAt, departmentId),
      this.portal.figures(range.startAt, range.endAt, departmentId),
      // PAKN are the Department's as a whole: K9 is not split by department.
      this.petitions.k9(range.startAt, range.endAt),
    ]);
    const k1 = this.onTime.total(counts);
    const sum = (name: keyof OtherPeriodCounts | 'received', channel?: string) =>
      counts.rows
        .filter((r) => channel === undefined || r.channel === channel)
        .reduce((n, r) => n + r[name], 0);
    // 766: the second term is the share of dossiers with a PAKN or a negative rating.
    const k8 = satisfactionRate({
      onTimeRate: k1.rate,
      rated: rated.dossiers,
      negative: rated.flagged,
    });
    const forecast = forecastFrom(k1);
    let k1Status = status(k1.rate, K1_TARGET);
    if (
      k1Status === 'met' &&
      forecast.openPending > 0 &&
      forecast.required === forecast.openPending
    ) {
      k1Status = 'at_risk'; // met only if every open application still finishes on time
    }
    const durationCount = sum('completed');
    const workingDays = sum('completedWorkingDays');
    const returned = sum('returned');
    const postal = k7PostalShares({
      receivedByPost: sum('received', 'postal'),
      received: sum('received'),
      returnedByPost: sum('returnedByPost'),
      returned,
    });
    // Received from the period's figures; the backlog says how many of them the portal has not
    // acknowledged (the backlog follows applications at once, the figures a moment later).
    const syncReceived = sum('received');
    const syncAcknowledged = Math.max(0, syncReceived - sync.unacknowledged);
    const lag = k5SyncLag({
      total: sync.lagTotalSeconds,
      count: sync.lagCount,
      max: sync.lagMaxSeconds,
    });
    const kpis: KpiValue[] = [
      {
        code: 'K1',
        name: 'Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn',
        unit: 'percent',
        value: k1.rate,
        target: K1_TARGET,
        numerator: k1.onTimeCount,
        denominator: k1.population,
        status: k1Status,
        note:
          `applications received before the end of the range and open at some point in it (${k1.carriedOver} carried over, ${k1.received} received); ` +
          `on time: ended (result, stop, withdrawal, the one unanswered supplement request) by the appointment day after subtracting supplement waits, or still open and not past it at ${counts.asOf.toISOString()}. ` +
          `Met ≥ ${K1_TARGET}%; at risk within ${AT_RISK_MARGIN} point below, or when every open application must still finish on time. ${forecast.arithmetic}`,
      },
      {
        code: 'K2',
        name: 'Thời gian giải quyết trung bình',
        unit: 'working_days',
        value: k2AverageWorkingDays(workingDays, durationCount),
        target: null,
        numerator: workingDays,
        denominator: durationCount,
        status: durationCount === 0 ? 'not_available' : 'no_target',
        note: 'working days from reception to result ready, over applications received in the range and resolved before its end',
      },
      this.ratio(
        'K3',
        'Tỷ lệ TTHC cung cấp DVC trực tuyến toàn trình',
        coverage.eligibleFullOnlineOnPortal,
        coverage.eligibleFullOnline,
        100,
        k3FullOnlineCoverage,
        'eligible procedures offered end to end online and published on DVCQG ÷ procedures eligible for end-to-end online',
      ),
      this.ratio(
        'K4',
        'Tỷ lệ hồ sơ trực tuyến',
        sum('received', 'online'),
        sum('received'),
        50,
        k4OnlineShare,
        '766 full marks at ≥ 50%; online received ÷ all received (without the electronic-result and sync-rate factors)',
      ),
      this.ratio(
        'K5',
        'Tỷ lệ DVC toàn trình tích hợp Cổng DVCQG',
        coverage.fullOnlineOnPortal,
        coverage.fullOnline,
        70,
        'end-to-end online procedures on DVCQG ÷ all end-to-end online procedures',
      ),
      {
        code: 'K5.1',
        name: 'Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG',
        unit: 'percent',
        value: k5SyncRate(syncAcknowledged, syncReceived),
        target: null,
        numerator: syncAcknowledged,
        denominator: syncReceived,
        status: syncReceived === 0 ? 'not_available' : 'no_target',
        note:
          `766 sync rate: applications received in the range whose latest state the portal acknowledged ÷ applications received in the range (now). ` +
          (lag.averageSeconds === null
            ? 'Sync lag: no change of the range acknowledged yet'
            : `Sync lag (change → acknowledgement) over ${sync.lagCount} changes of the range: average ${lag.averageSeconds} s, worst ${lag.maxSeconds} s`),
      },
      this.ratio(
        'K6',
        'Tỷ lệ kết quả điện tử có chữ ký số',
        sum('completedSigned', 'online'),
        sum('completed', 'online'),
        20,
        'online applications received in the range and resolved before its end whose result document carried a verified digital signature when marked ready ÷ those resolved',
      ),
      this.ratio(
        'K7',
        'Tỷ lệ hồ sơ qua dịch vụ bưu chính công ích',
        sum('received', 'postal'),
        sum('received'),
        null,
        `postal received ÷ all received; results returned by post: ${sum('returnedByPost')} of ${returned}` +
          (returned === 0 ? '' : ` (${postal.return}%)`) +
          '; no target in the plan',
      ),
      this.ratio(
        'K7.1',
        'Tỷ lệ kết quả trả qua dịch vụ bưu chính công ích',
        sum('returnedByPost'),
        returned,
        null,
        'results returned by post ÷ results returned in the range; no target in the plan',
      ),
      {
        code: 'K8',
        name: 'Mức độ hài lòng',
        unit: 'percent',
        value: k8.value,
        target: 90,
        numerator: rated.flagged,
        denominator: rated.dossiers,
        status: status(k8.value, 90),
        note:
          k8.value === null
            ? 'no satisfaction rating was given and no PAKN concerning an application was received in the range: no figure is given'
            : `766 full marks at ≥ 90%. 100 − (overdue ${k8.overdueRate}% [100 − K1] + ${k8.negativeShare}% of dossiers with a PAKN or a negative rating ` +
              `[${rated.flagged} of ${rated.dossiers} applications rated or concerned by a PAKN in the range: ${rated.negative} of ${rated.rated} ratings given in the range scored ≤ ${this.ratings.scale.negativeAtMost}, ${rated.withPetition} with a PAKN]) = ${k8.value}%`,
      },
      {
        code: 'K9',
        name: 'Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn',
        unit: 'percent',
        value: k9.rate,
        target: null,
        numerator: k9.onTime,
        denominator: k9.population,
        status: k9.rate === null ? 'not_available' : 'no_target',
        note:
          'PAKN received or handled in the range; on time when refused within 2 working days, clarification asked within 5, forwarded within 5, ' +
          'answered within 15 of receipt and published within 2 after the answer (petition_rule_versions), none overdue at the end of the range; no target in the plan',
      },
    ];
    return {
      from: range.from,
      to: range.to,
      departmentId,
      asOf: counts.asOf.toISOString(),
      basis: counts.basis,
      closure: counts.closure,
      kpis,
      forecast,
    };
  }

  /** Open applications due by the end of the next working day, or overdue. */
  async atRisk(limit: number, departmentId: string | null) {
    const calendar = await this.calendars.current();
    const today = toLocalDate(this.clock.now());
    const dueBefore = atLocalTime(addLocalDays(calendar.nextWorkingDay(today), 1), 0);
    // A paused clock (waiting for the applicant) is never at risk: its appointment will move.
    const rows = await this.metrics.findAtRisk(
      dueBefore,
      limit,
      departmentId,
      runningClockStatuses(this.config.rules),
    );
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      status: r.status,
      procedureCode: r.procedureCode,
      procedureName: r.procedureName,
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      dueAt: r.dueAt.toISOString(),
      // 0: due today; 1: next working day; negative: overdue since that many working days.
      workingDaysLeft: calendar.workingDaysBetween(today, toLocalDate(r.dueAt)),
    }));
  }

  private ratio(
    code: string,
    name: string,
    num: number,
    den: number,
    target: number | null,
    formula: ((num: number, den: number) => number | null) | string,
    note?: string,
  ): KpiValue {
    // K3 and K4 name their formula in libs/domain (indicators.ts); the others are plain ratios.
    const value = typeof formula === 'string' ? percentOf(num, den) : formula(num, den);
    note = typeof formula === 'string' ? formula : (note ?? '');
    return {
      code,
      name,
      unit: 'percent',
      value,
      target,
      numerator: num,
      denominator: den,
      status:
        target === null ? (value === null ? 'not_available' : 'no_target') : status(value, target),
      note,
    };
  }
}
