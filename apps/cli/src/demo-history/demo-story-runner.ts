import {
  Actor,
  ApplicationStatus,
  atLocalTime,
  Channel,
  LocalDate,
  Role,
  localMillisOfDay,
  toLocalDate,
  TransitionAction as A,
  WorkingCalendar,
} from '@app/domain';
import {
  ApplicationView,
  FixedClock,
  IntakeService,
  TransitionInput,
  TransitionService,
} from '@app/core';
import { DemoStory } from './demo-stories';

/** Stores a citizen's rating of a returned application (the public endpoint's effect). */
export type DemoRater = (rating: {
  applicationCode: string;
  score: number;
  ratedAt: Date;
}) => Promise<unknown>;

/** Who plays each part: the desk, and the officer and head of each department (by code). */
export interface DemoCast {
  reception: Actor;
  officer(departmentCode: string): Actor;
  head(departmentCode: string): Actor;
}

const MINUTE = 60_000;
// The simulated staff work 07:30–16:50 local time, within the default office hours.
const OPEN = 7 * 60 + 30;
const CLOSE = 16 * 60 + 50;

const SUPPLEMENT_ITEMS = ['Bản sao có chứng thực văn bằng', 'Giấy xác nhận của nhà trường'];
const REFUSAL_REASONS = ['Hồ sơ không thuộc thẩm quyền giải quyết của Sở'];

/** The next step would happen after "now": the application stays open where it is. */
class StillOpen extends Error {}

/**
 * Plays one story through the real use cases: sets the story's clock to each step's time and
 * applies the step, so every row, history entry and outbox event is what production writes.
 * Times are derived from the due dates the use cases computed, which is how the story's
 * intended ending (early, on time, late) comes about under the real deadline rules.
 */
export class DemoStoryRunner {
  constructor(
    private readonly intake: IntakeService,
    private readonly transitions: TransitionService,
    private readonly calendar: WorkingCalendar,
    private readonly cast: DemoCast,
    private readonly until: Date,
    private readonly note: string,
    private readonly rate: DemoRater,
  ) {}

  async run(story: DemoStory, day: LocalDate, clock: FixedClock): Promise<void> {
    try {
      await this.play(story, day, clock);
    } catch (error) {
      if (!(error instanceof StillOpen)) {
        throw error;
      }
    }
  }

  private async play(s: DemoStory, day: LocalDate, clock: FixedClock): Promise<void> {
    const officer = this.cast.officer(s.departmentCode);
    const head = this.cast.head(s.departmentCode);
    const desk = this.cast.reception;
    let t = this.onDay(day, s.minuteOfDay);
    this.moveTo(clock, t);
    const direct = s.channel === Channel.Direct;
    const { application } = await this.intake.intake(
      {
        procedureCode: s.procedureCode,
        channel: s.channel,
        status: direct ? ApplicationStatus.Received : ApplicationStatus.Submitted,
        applicant: s.applicant,
        documents: [{ name: 'Đơn đề nghị', copies: 1 }],
        note: this.note,
      },
      desk,
    );
    let view: ApplicationView = application;
    const step = async (
      at: Date,
      action: A,
      actor: Actor,
      input: Omit<TransitionInput, 'version'>,
    ) => {
      this.moveTo(clock, at);
      view = await this.transitions.apply(
        view.id,
        action,
        {
          ...input,
          version: view.version,
          // The admin stands in where a department has no such user: a recorded correction.
          ...(actor.role === Role.Admin ? { correctionReason: 'Dữ liệu minh họa' } : {}),
        },
        actor,
      );
      t = at;
    };

    if (!direct) {
      const at = this.after(t, s.receiveAfterMinutes);
      if (s.ending === 'refused') {
        return step(at, A.Refuse, desk, { reasons: REFUSAL_REASONS });
      }
      await step(at, A.Receive, desk, {});
    }
    const originalDue = new Date(view.dueAt!);
    // Start well before the appointment, or same-day procedures would all end late.
    let startAt = this.after(t, s.startAfterMinutes);
    if (startAt.getTime() > originalDue.getTime() - 60 * MINUTE) {
      startAt = this.after(t, 10);
    }
    await step(startAt, A.Start, officer, {});

    if (s.ending === 'rejected') {
      const at = this.onDay(
        this.calendar.addWorkingDays(toLocalDate(t), s.lateWorkingDays),
        60 + s.position * 400,
      );
      return step(at, A.Stop, head, {
        stopReason: 'rejected',
        reason: 'Hồ sơ không đủ điều kiện theo quy định',
      });
    }
    if (s.ending === 'withdrawn') {
      const days = 1 + (s.lateWorkingDays % 3);
      await step(
        this.onDay(this.calendar.addWorkingDays(toLocalDate(t), days), s.position * 400),
        A.RequestWithdrawal,
        desk,
        { reason: 'Công dân đề nghị rút hồ sơ' },
      );
      return step(this.after(t, 120 + s.position * 600), A.Stop, head, {});
    }

    // K1 measures against the original appointment minus the supplement wait.
    let kpiDue = originalDue;
    const requestAt = s.supplement ? this.after(t, s.supplement.afterMinutes) : null;
    if (s.supplement && requestAt && requestAt < originalDue) {
      await step(requestAt, A.RequestSupplement, officer, {
        items: SUPPLEMENT_ITEMS,
        reason: 'Hồ sơ còn thiếu giấy tờ',
      });
      const back = this.onDay(
        this.calendar.addWorkingDays(toLocalDate(t), s.supplement.waitWorkingDays),
        30 + s.position * 420,
      );
      await step(back, A.ReceiveSupplement, desk, { items: SUPPLEMENT_ITEMS });
      kpiDue = new Date(originalDue.getTime() + (back.getTime() - requestAt.getTime()));
    }

    const readyAt = this.readyTime(s, t, kpiDue);
    const currentDue = new Date(view.dueAt!);
    // A late result not ready by "now" gets no letter yet: those are the open, overdue
    // applications the at-risk list and the escalations are there for.
    if (s.ending === 'late' && s.apologize && readyAt > currentDue && readyAt <= this.until) {
      const newDueAt = atLocalTime(this.calendar.addWorkingDays(toLocalDate(readyAt), 2), 17, 0);
      const apologyAt = this.apologyTime(t, currentDue);
      if (newDueAt > currentDue && newDueAt > apologyAt) {
        await step(apologyAt, A.Apologize, head, {
          newDueAt,
          reason: 'Hồ sơ cần xác minh thêm với cơ quan liên quan nên chưa giải quyết kịp hạn',
        });
      }
    }
    await step(this.laterThan(t, readyAt), A.MarkResultReady, officer, {
      digitallySigned: s.digitallySigned,
      electronicResult: s.channel === Channel.Online,
    });
    const returnDay = this.calendar.addWorkingDays(toLocalDate(t), s.returnAfterWorkingDays);
    const returnAt = this.laterThan(t, this.onDay(returnDay, 60 + ((s.index * 37) % 420)));
    await step(returnAt, A.ReturnResult, desk, { deliveryChannel: s.channel });
    if (s.rating !== null) {
      const ratedAt = this.after(t, 30 + ((s.index * 53) % 600));
      if (ratedAt <= this.until) {
        await this.rate({ applicationCode: view.code, score: s.rating, ratedAt });
      }
    }
  }

  /** When the result is ready, for the ending the story asks for. */
  private readyTime(s: DemoStory, t: Date, due: Date): Date {
    const today = toLocalDate(t);
    const dueDay = toLocalDate(due);
    const daysBefore = this.calendar.workingDaysBetween(today, dueDay);
    if (s.ending === 'early' && daysBefore >= 1) {
      const k = Math.floor(s.position * daysBefore);
      return k === 0
        ? this.after(t, 30 + s.position * 120)
        : this.onDay(this.calendar.addWorkingDays(today, k), 30 + s.position * 400);
    }
    if (s.ending === 'late') {
      const day = this.calendar.addWorkingDays(
        this.calendar.workingDayOnOrAfter(dueDay),
        s.lateWorkingDays,
      );
      return this.onDay(day, 30 + s.position * 480);
    }
    // On time: on the appointment day itself, before the appointment.
    const onDue = this.onDay(dueDay, 30 + s.position * 480);
    return onDue < due ? onDue : this.after(t, 20);
  }

  /** The apology goes out the working day before the appointment, as the rules expect. */
  private apologyTime(t: Date, due: Date): Date {
    const today = toLocalDate(t);
    const daysBefore = this.calendar.workingDaysBetween(today, toLocalDate(due));
    const eve =
      daysBefore >= 1 ? this.onDay(this.calendar.addWorkingDays(today, daysBefore - 1), 390) : t;
    return this.laterThan(t, eve);
  }

  private moveTo(clock: FixedClock, at: Date): void {
    if (at > this.until) {
      throw new StillOpen();
    }
    clock.set(at);
  }

  private onDay(day: LocalDate, minutesAfterOpen: number): Date {
    const working = this.calendar.workingDayOnOrAfter(day);
    return atLocalTime(working, 0, Math.min(OPEN + Math.round(minutesAfterOpen), CLOSE));
  }

  /** `minutes` of working time after `t`, carried over to the next working day at closing. */
  private after(t: Date, minutes: number): Date {
    let day = toLocalDate(t);
    let at = Math.max(OPEN, Math.floor(localMillisOfDay(t) / MINUTE));
    let left = Math.round(minutes);
    if (!this.calendar.isWorkingDay(day) || at >= CLOSE) {
      day = this.calendar.nextWorkingDay(day);
      at = OPEN;
    }
    while (at + left > CLOSE) {
      left -= CLOSE - at;
      day = this.calendar.nextWorkingDay(day);
      at = OPEN + 5;
    }
    return atLocalTime(day, 0, at + left);
  }

  private laterThan(t: Date, candidate: Date): Date {
    return candidate > t ? candidate : this.after(t, 15);
  }
}
