import { ApplicationView, IntakeService, TransitionInput, TransitionService } from '@app/core';
import { WorkingCalendarService } from '@app/database';
import {
  Actor,
  addLocalDays,
  ApplicationStatus,
  atLocalTime,
  Channel as DomainChannel,
  LocalDate,
  Role,
  TransitionAction as A,
  WorkingCalendar,
} from '@app/domain';
import { QueueName } from '@app/messaging';
import { TestApp } from '../setup/test-app';
import { eventually, queueFor } from '../setup/test-events';
import { localDay, RecordedApplication, StopReason } from './k1-reference';
import { Script, SPECIAL_RECEPTION_DAYS } from './k1-scenarios';
import { localTime } from './k1-diff';
import { Plan, SteppedClock, Step, StepQueue } from './k1-steps';

export { SteppedClock } from './k1-steps';

/**
 * Plays K1 scripts through the real lifecycle code (the intake and transition use cases the
 * API calls) in global time order, with the one FixedClock the API and the worker share, and
 * records each application's timeline from what it did. Nothing is read back from figures.
 */

const MINUTE = 60_000;

/** The catalogue the scripts refer to: 4 departments, 2 procedures each, various limits. */
const PROCEDURES: Array<Array<{ code: string; value: number; unit: string }>> = [
  [
    { code: '1.800001', value: 5, unit: 'working_days' },
    { code: '1.800002', value: 4, unit: 'hours' },
  ],
  [
    { code: '1.800003', value: 3, unit: 'working_days' },
    { code: '1.800004', value: 10, unit: 'calendar_days' },
  ],
  [
    { code: '1.800005', value: 7, unit: 'working_days' },
    { code: '1.800006', value: 1, unit: 'working_days' },
  ],
  [
    { code: '1.800007', value: 15, unit: 'working_days' },
    { code: '1.800008', value: 1, unit: 'months' },
  ],
];
/** A new version of one procedure mid-year: versions of one code are one row of K1. */
const REPUBLISH = { code: '1.800005', at: '2026-04-01', value: 10 };

export interface PlayOptions {
  /** First reception day of the generated year. */
  firstDay: LocalDate;
  /** Last reception day. */
  lastDay: LocalDate;
  /** Steps after this instant do not happen (yet): their applications stay where they are. */
  until: Date;
}

export interface DriverCatalogue {
  departments: Array<{ id: string; name: string }>;
  procedures: string[][];
}

export class K1Driver {
  readonly recorded = new Map<string, RecordedApplication>();
  /** Scripts whose applications were created (index → application id). */
  readonly played = new Map<number, string>();
  private readonly queue = new StepQueue();
  private calendar!: WorkingCalendar;
  private catalogue!: DriverCatalogue;
  private admin!: Actor;
  /** Each department's head: supplement requests after the window need a head's override. */
  private readonly heads = new Map<string, Actor>();
  private adminToken!: string;
  private until = 0;
  private intakes!: IntakeService;
  private transitions!: TransitionService;

  constructor(
    private readonly t: TestApp,
    private readonly clock: SteppedClock,
    /** Steps of different applications run at once, in time order (see runUntil). */
    private readonly concurrency = 4,
  ) {}

  get departments() {
    return this.catalogue.departments;
  }

  /** Departments, procedures and an acting admin, in this test's own database. */
  async setUp(): Promise<void> {
    const departments: DriverCatalogue['departments'] = [];
    const procedures: string[][] = [];
    for (let d = 0; d < PROCEDURES.length; d++) {
      const department = await this.t.factory.department({
        name: `Phòng kiểm thử K1 số ${d + 1}`,
      });
      departments.push({ id: department.id, name: department.name });
      const head = await this.t.factory.user({ role: Role.Head, departmentId: department.id });
      this.heads.set(department.id, { id: head.id, role: Role.Head, departmentId: department.id });
      const codes: string[] = [];
      for (const p of PROCEDURES[d]) {
        await this.t.factory.procedure({
          code: p.code,
          departmentId: department.id,
          timeLimitValue: p.value,
          timeLimitUnit: p.unit,
          name: `Thủ tục kiểm thử ${p.code}`,
        });
        codes.push(p.code);
      }
      procedures.push(codes);
    }
    this.catalogue = { departments, procedures };
    const admin = await this.t.factory.user({ role: Role.Admin, departmentId: null });
    this.admin = { id: admin.id, role: Role.Admin, departmentId: null };
    this.adminToken = await this.t.tokenFor(Role.Admin);
    this.calendar = await this.t.app.get(WorkingCalendarService).current();
    this.intakes = this.t.app.get(IntakeService);
    this.transitions = this.t.app.get(TransitionService);
  }

  /** Plays every script up to `until`, in global time order. */
  async play(scripts: readonly Script[], options: PlayOptions): Promise<void> {
    this.until = options.until.getTime();
    const days = Math.round(
      (Date.parse(`${options.lastDay}T00:00:00Z`) - Date.parse(`${options.firstDay}T00:00:00Z`)) /
        86_400_000,
    );
    for (const s of scripts) {
      const day =
        'special' in s.receptionDay
          ? SPECIAL_RECEPTION_DAYS[s.receptionDay.special]
          : this.calendar.workingDayOnOrAfter(
              addLocalDays(options.firstDay, Math.floor(s.receptionDay.fraction * (days + 1))),
            );
      if (day > options.lastDay) {
        continue;
      }
      const receptionAt = atLocalTime(day, 0, s.receptionMinute).getTime();
      // Online and postal applications are submitted a while before the desk receives them.
      const submittedAt =
        s.channel === 'direct' ? receptionAt : receptionAt - s.deskDelayMinutes * MINUTE;
      this.schedule(submittedAt, s.index, () => this.receive(s, receptionAt), true);
    }
    this.schedule(atLocalTime(REPUBLISH.at, 8, 0).getTime(), -1, () => this.republish(), true);
    await this.runUntil(this.until);
  }

  /**
   * Runs what is planned up to `until` (e.g. a few more events after the period closing), in
   * time order: the next few steps at once when they are of different applications, each with
   * its own time, the worker seeing the earliest. A step that plans others ends its batch, so
   * no planned step is ever due before a step already run.
   */
  async runUntil(until: number): Promise<void> {
    this.until = until;
    for (;;) {
      const batch: Step[] = [];
      const scripts = new Set<number>();
      for (let next = this.queue.peek(); next && next.at <= until; next = this.queue.peek()) {
        if (batch.length >= this.concurrency || scripts.has(next.script)) {
          break;
        }
        batch.push(this.queue.pop());
        scripts.add(next.script);
        if (next.plans) {
          break;
        }
      }
      if (batch.length === 0) {
        break;
      }
      this.clock.set(new Date(batch[0].at));
      await Promise.all(batch.map((step) => this.clock.within(step.at, step.run)));
    }
    this.clock.set(new Date(until));
  }

  /** Until the worker has handled every event: the outbox published, no queue job pending. */
  async waitForWorker(timeoutMs = 120_000): Promise<void> {
    const queues = Object.values(QueueName).map((name) =>
      queueFor(this.t.config.queues.prefix, name),
    );
    try {
      let quietChecks = 0;
      await eventually(
        async () => {
          const { rows } = await this.t.db.query<{ n: string }>(
            `SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`,
          );
          let pending = Number(rows[0].n);
          for (const q of queues) {
            const c = await q.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
            pending += Object.values(c).reduce((a, b) => a + b, 0);
          }
          quietChecks = pending === 0 ? quietChecks + 1 : 0;
          return { pending, quietChecks };
        },
        // Twice in a row: a batch being committed shows no job and no outbox row for a moment.
        (v) => v.quietChecks >= 2,
        timeoutMs,
      );
    } finally {
      await Promise.all(queues.map((q) => q.close()));
    }
  }

  private schedule(at: number, script: number, run: () => Promise<void>, plans = false): void {
    this.queue.push({ at, script, plans, run });
  }

  private async republish(): Promise<void> {
    const department = this.catalogue.departments[2].id;
    const res = await this.t.http
      .put(`/api/v1/procedures/${REPUBLISH.code}`)
      .set('authorization', `Bearer ${this.adminToken}`)
      .send({
        name: `Thủ tục kiểm thử ${REPUBLISH.code} (sửa đổi)`,
        departmentId: department,
        timeLimit: { value: REPUBLISH.value, unit: 'working_days' },
        onlineLevel: 'partial',
        feeVnd: 0,
      });
    if (res.status !== 200) {
      throw new Error(
        `publishing a new version of ${REPUBLISH.code} answered ${res.status}: ${res.text}`,
      );
    }
  }

  /** Reception: at the desk (direct), or submitted online / by post and then decided on. */
  private async receive(s: Script, receptionAt: number): Promise<void> {
    const procedureCode = this.catalogue.procedures[s.department][s.procedure];
    const direct = s.channel === 'direct';
    const now = this.clock.now().getTime();
    const intake = await this.intakes.intake(
      {
        procedureCode,
        channel: s.channel as DomainChannel,
        status: direct ? ApplicationStatus.Received : ApplicationStatus.Submitted,
        applicant: {
          fullName: `Nguyễn Thị Kiểm Thử ${s.index}`,
          idNumber: '001203004567',
          phone: '0912345678',
        },
        documents: [{ name: 'Đơn đề nghị', copies: 1 }],
      },
      this.admin,
    );
    const view = intake.application;
    const app: RecordedApplication = {
      id: view.id,
      code: view.code,
      departmentId: view.departmentId,
      procedureCode,
      channel: s.channel,
      receivedAt: null,
      appointment: null,
      events: [{ action: direct ? 'receive' : 'submit', at: now }],
    };
    this.recorded.set(app.id, app);
    this.played.set(s.index, app.id);
    if (direct) {
      this.accept(s, app, view);
      return;
    }
    if (s.desk === 'never') {
      return;
    }
    let current = view;
    this.schedule(
      receptionAt,
      s.index,
      async () => {
        if (s.desk === 'refused') {
          current = await this.act(app, current, A.Refuse, {
            reasons: ['Hồ sơ không thuộc thẩm quyền giải quyết của Sở'],
          });
          return;
        }
        current = await this.act(app, current, A.Receive, {});
        this.accept(s, app, current);
      },
      true,
    );
  }

  /** Received: note the reception and the appointment, and plan the rest of the script. */
  private accept(s: Script, app: RecordedApplication, view: ApplicationView): void {
    app.receivedAt = Date.parse(view.receivedAt!);
    app.appointment = Date.parse(view.originalDueAt ?? view.dueAt!);
    const plan = new Plan(this.calendar, app.receivedAt);
    let current = view;
    const step = (at: number, action: A, input: () => Omit<TransitionInput, 'version'>) =>
      this.schedule(at, s.index, async () => {
        current = await this.act(app, current, action, input());
      });

    step(plan.after(10 + (s.index % 50)), A.Start, () => ({}));

    if (s.handOver) {
      const lead = app.departmentId;
      const other =
        this.catalogue.departments[(s.department + 1) % this.catalogue.departments.length].id;
      step(plan.onDay(s.handOver.afterDays, 9 * 60), A.HandOver, () => ({
        // The step's budget is the system's (internal process, bounded by the time left): a
        // scripted one could exceed what is left and be refused.
        toDepartmentId: other,
        note: 'Chuyển phòng phối hợp thẩm định',
      }));
      if (s.handOver.backAfterDays !== null) {
        step(plan.onDay(s.handOver.backAfterDays, 14 * 60), A.HandOver, () => ({
          toDepartmentId: lead,
          note: 'Trả lại phòng chủ trì',
        }));
      }
    }

    let pausedMs = 0;
    for (const supplement of s.supplements) {
      const requestedAt = plan.onDay(supplement.afterDays, 8 * 60 + (s.index % 400));
      // Scripts ask up to 4 working days after the previous step, often past the 3-day
      // window or the due date: the holding department's head accepts (ignored in time).
      step(requestedAt, A.RequestSupplement, () => ({
        items: ['Bản sao có chứng thực văn bằng'],
        reason: 'Hồ sơ còn thiếu giấy tờ',
        lateOverrideReason: 'Kiểm thử K1: chấp thuận yêu cầu bổ sung sau thời hạn',
      }));
      if (supplement.waitDays === null) {
        break;
      }
      const completedAt = plan.onDay(supplement.waitDays, 8 * 60 + ((s.index * 7) % 480));
      step(completedAt, A.ReceiveSupplement, () => ({ items: ['Bản sao chứng thực CCCD'] }));
      pausedMs += completedAt - requestedAt;
    }
    const waitingSupplement = s.supplements.some((x) => x.waitDays === null);
    if (s.payment && !waitingSupplement) {
      step(plan.onDay(s.payment.afterDays, 9 * 60 + (s.index % 300)), A.RequirePayment, () => ({
        amountVnd: 150_000,
        reason: 'Nộp phí thẩm định',
      }));
      if (s.payment.waitDays !== null) {
        step(plan.onDay(s.payment.waitDays, 10 * 60), A.ConfirmPayment, () => ({}));
      }
    }

    const dueDay = localDay(app.appointment);
    if (s.apology) {
      // The working day before the appointment, as the rules want; later if need be.
      const eve = this.shiftWorkingDays(dueDay, -1);
      step(plan.at(eve, 8 * 60), A.Apologize, () => ({
        newDueAt: atLocalTime(
          this.calendar.addWorkingDays(
            localDay(Math.max(this.clock.now().getTime(), Date.parse(current.dueAt!))),
            5,
          ),
          17,
          0,
        ),
        reason: 'Hồ sơ cần xác minh thêm với cơ quan liên quan nên chưa giải quyết kịp hạn',
      }));
    }

    // The ending: around the appointment day, moved by the supplement waits (K1 pauses).
    const target = this.shiftWorkingDays(
      this.calendar.workingDayOnOrAfter(localDay(app.appointment + pausedMs)),
      s.offsetDays,
    );
    const endAt = plan.at(target, s.endingMinute);
    switch (s.ending) {
      case 'ready':
        step(endAt, A.MarkResultReady, () => ({}));
        if (s.returnAfterDays !== null) {
          step(plan.onDay(s.returnAfterDays, 10 * 60 + (s.index % 360)), A.ReturnResult, () => ({
            deliveryChannel: s.channel as DomainChannel,
          }));
        }
        return;
      case 'rejected':
      case 'stopped-other':
      case 'stopped-withdrawn': {
        const stopReason: StopReason =
          s.ending === 'rejected'
            ? 'rejected'
            : s.ending === 'stopped-other'
              ? 'other'
              : 'withdrawn';
        step(endAt, A.Stop, () => ({ stopReason, reason: 'Dừng giải quyết theo kiểm thử' }));
        return;
      }
      case 'withdrawal-pending':
      case 'withdrawal-then-stop':
        step(endAt, A.RequestWithdrawal, () => ({ reason: 'Công dân đề nghị rút hồ sơ' }));
        if (s.withdrawalStop) {
          const reason = s.withdrawalStop.reason;
          step(plan.onDay(s.withdrawalStop.afterDays, 15 * 60), A.Stop, () =>
            reason ? { stopReason: reason, reason: 'Dừng xử lý' } : { reason: 'Dừng xử lý' },
          );
        }
        return;
      case 'open':
        return;
    }
  }

  /** One transition through the real use case, recorded as it happened. */
  private async act(
    app: RecordedApplication,
    current: ApplicationView,
    action: A,
    input: Omit<TransitionInput, 'version'>,
  ): Promise<ApplicationView> {
    const at = this.clock.now().getTime();
    let view: ApplicationView;
    try {
      const actor =
        action === A.RequestSupplement ? this.heads.get(current.holdingDepartmentId)! : this.admin;
      view = await this.transitions.apply(
        app.id,
        action,
        {
          ...input,
          version: current.version,
          // The driver's admin stands in for the staff: each act is a recorded correction.
          ...(actor.role === Role.Admin ? { correctionReason: 'K1 reference driver' } : {}),
        },
        actor,
      );
    } catch (error) {
      throw new Error(
        `K1 driver: ${action} on ${app.code} at ${new Date(at).toISOString()} failed: ${String(error)}`,
      );
    }
    const note =
      action === A.HandOver
        ? `to ${this.departmentName(input.toDepartmentId!)}`
        : action === A.Apologize
          ? `new appointment ${localTime(Date.parse(view.dueAt!))}`
          : action === A.ReceiveSupplement
            ? `restarted appointment ${localTime(Date.parse(view.dueAt!))}`
            : undefined;
    app.events.push({
      action,
      at,
      ...(action === A.Stop ? { stopReason: view.stopReason as StopReason } : {}),
      ...(note ? { note } : {}),
    });
    return view;
  }

  private departmentName(id: string): string {
    return this.catalogue.departments.find((d) => d.id === id)?.name ?? id;
  }

  /** n working days after (n ≥ 0) or before (n < 0) a day that is itself a working day. */
  private shiftWorkingDays(day: LocalDate, n: number): LocalDate {
    if (n >= 0) {
      return this.calendar.addWorkingDays(day, n);
    }
    let d = day;
    for (let left = -n; left > 0;) {
      d = addLocalDays(d, -1);
      if (this.calendar.isWorkingDay(d)) {
        left -= 1;
      }
    }
    return d;
  }
}
