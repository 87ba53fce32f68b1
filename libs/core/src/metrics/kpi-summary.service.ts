import { Inject, Injectable } from '@nestjs/common';
import { addLocalDays, atLocalTime, satisfactionRate, toLocalDate } from '@app/domain';
import { MetricsRepository, WorkingCalendarService } from '@app/database';
import { Clock } from '../clock/clock';
import { SatisfactionRatingService } from '../ratings/satisfaction-rating.service';
import { MetricsRange } from './metrics-scope';
import { OnTimeFigures, OnTimeMetricsService } from './on-time-metrics.service';

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
  /** Closed early or on time. */
  onTimeSoFar: number;
  /** Closed late, or open and already past the appointment. */
  lateSoFar: number;
  /** Open and still within their deadline. */
  openPending: number;
  /** Of openPending, how many must finish on time: ceil(target × total ÷ 100) − onTimeSoFar. */
  required: number;
  achievable: boolean;
  arithmetic: string;
}

const pct = (num: number, den: number) =>
  den === 0 ? null : Math.round((num * 10_000) / den) / 100;

export function forecastFrom(f: OnTimeFigures, target = K1_TARGET): Forecast {
  const onTimeSoFar = f.early + f.onTime;
  const lateSoFar = f.late + f.openOverdue;
  const openPending = f.open - f.openOverdue;
  // Integer arithmetic: the smallest count whose share of total reaches the target.
  const needed = Math.ceil((target * f.total) / 100 - 1e-9);
  const required = Math.max(0, needed - onTimeSoFar);
  const achievable = required <= openPending;
  return {
    target,
    total: f.total,
    onTimeSoFar,
    lateSoFar,
    openPending,
    required,
    achievable,
    arithmetic:
      `⌈${target}% × ${f.total}⌉ = ${needed} on time needed; ${onTimeSoFar} already on time → ` +
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
  ) {}

  async forecast(range: MetricsRange, departmentId: string | null): Promise<Forecast> {
    const k1 = await this.onTime.onTime(range, 'department', departmentId);
    return forecastFrom(k1.total);
  }

  async summary(range: MetricsRange, departmentId: string | null) {
    const [byChannel, coverage, completions, rated] = await Promise.all([
      this.onTime.onTime(range, 'channel', departmentId),
      this.metrics.procedureCoverage(departmentId),
      this.metrics.completionSums(range.from, range.to, departmentId),
      this.ratings.counts(range.startAt, range.endAt, departmentId),
    ]);
    const k1 = byChannel.total;
    const k8 = satisfactionRate({ onTimeRate: k1.rate, ...rated });
    const forecast = forecastFrom(k1);
    const received = (channel: string) =>
      byChannel.rows.find((r) => r.key === channel)?.received ?? 0;
    let k1Status = status(k1.rate, K1_TARGET);
    if (
      k1Status === 'met' &&
      forecast.openPending > 0 &&
      forecast.required === forecast.openPending
    ) {
      k1Status = 'at_risk'; // met only if every open application still finishes on time
    }
    const { completed: durationCount, workingDays } = completions;
    const kpis: KpiValue[] = [
      {
        code: 'K1',
        name: 'Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn',
        unit: 'percent',
        value: k1.rate,
        target: K1_TARGET,
        numerator: k1.early + k1.onTime + k1.open - k1.openOverdue,
        denominator: k1.total,
        status: k1Status,
        note: `met ≥ ${K1_TARGET}%; at risk within ${AT_RISK_MARGIN} point below, or when every open application must still finish on time. ${forecast.arithmetic}`,
      },
      {
        code: 'K2',
        name: 'Thời gian giải quyết trung bình',
        unit: 'working_days',
        value: durationCount === 0 ? null : Math.round((workingDays * 100) / durationCount) / 100,
        target: null,
        numerator: workingDays,
        denominator: durationCount,
        status: durationCount === 0 ? 'not_available' : 'no_target',
        note: 'working days from reception to result ready, over applications received in the range and completed',
      },
      this.ratio(
        'K3',
        'Tỷ lệ TTHC cung cấp DVC trực tuyến toàn trình',
        coverage.eligibleFullOnlineOnPortal,
        coverage.eligibleFullOnline,
        100,
        'eligible procedures offered end to end online and published on DVCQG ÷ procedures eligible for end-to-end online',
      ),
      this.ratio(
        'K4',
        'Tỷ lệ hồ sơ trực tuyến',
        received('online'),
        k1.received,
        50,
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
      this.ratio(
        'K6',
        'Tỷ lệ kết quả điện tử có chữ ký số',
        completions.onlineSigned,
        completions.onlineCompleted,
        20,
        'online applications received in the range whose result was marked digitally signed ÷ those completed',
      ),
      this.ratio(
        'K7',
        'Tỷ lệ hồ sơ qua dịch vụ bưu chính công ích',
        received('postal'),
        k1.received,
        null,
        'postal received ÷ all received; no target in the plan',
      ),
      {
        code: 'K8',
        name: 'Mức độ hài lòng',
        unit: 'percent',
        value: k8.value,
        target: 90,
        status: status(k8.value, 90),
        note:
          (k8.value === null
            ? 'no satisfaction rating was given in the range: no figure is given'
            : `766 full marks at ≥ 90%. 100 − (overdue ${k8.overdueRate}% [100 − K1] + negative ratings ${k8.negativeShare}% ` +
              `[${rated.negative} of ${rated.rated} ratings given in the range scored ≤ ${this.ratings.scale.negativeAtMost}]) = ${k8.value}%`) +
          '. PAKN (feedback and petitions) are not recorded yet: K8 here omits PAKN',
      },
      {
        code: 'K9',
        name: 'Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn',
        unit: 'percent',
        value: null,
        target: null,
        status: 'not_available',
        note: 'PAKN (feedback and petitions) are not recorded in motcua yet: no figure is given',
      },
    ];
    return { from: range.from, to: range.to, departmentId, kpis, forecast };
  }

  /** Open applications due by the end of the next working day, or overdue. */
  async atRisk(limit: number, departmentId: string | null) {
    const calendar = await this.calendars.current();
    const today = toLocalDate(this.clock.now());
    const dueBefore = atLocalTime(addLocalDays(calendar.nextWorkingDay(today), 1), 0);
    const rows = await this.metrics.findAtRisk(dueBefore, limit, departmentId);
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
    note: string,
  ): KpiValue {
    const value = pct(num, den);
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
