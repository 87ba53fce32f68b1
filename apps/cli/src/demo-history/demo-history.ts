import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@app/config';
import { Actor, addLocalDays, LocalDate, Role, toLocalDate, WorkingCalendar } from '@app/domain';
import {
  OutboxRepository,
  WorkingCalendarService,
  SatisfactionRatingRepository,
} from '@app/database';
import { FixedClock, IntakeService, KpiRollupConsumer, TransitionService } from '@app/core';
import { ApplicationEventPayload, JobName, OUTBOX_ROUTES } from '@app/messaging';
import { DemoHistoryRepository, DemoHistorySummary, DemoStaff } from './demo-history.repository';
import { DemoClock } from './demo-clock';
import { DemoHistoryModule } from './demo-history.module';
import { generateStories, DemoStory } from './demo-stories';
import { DemoCast, DemoStoryRunner } from './demo-story-runner';

export { generateStories } from './demo-stories';
export type { DemoStory } from './demo-stories';

/** Written on every demo application: labels them in the UI and marks the history as made. */
export const DEMO_HISTORY_NOTE = 'Hồ sơ mẫu (dữ liệu demo)';

export interface DemoHistoryOptions {
  /** How many applications; default 4,000. */
  count?: number;
  /** PRNG seed: the same seed and anchor day tell the same stories. */
  seed?: number;
  /** The history covers the year before this instant; default the real now. */
  now?: Date;
  /** Stories played at once (each with its own clock); default 4. */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface DemoHistoryResult {
  skipped: boolean;
  applications: number;
  kpiEvents: number;
  seconds: number;
  summary: DemoHistorySummary | null;
}

const KPI_TYPES: ReadonlySet<string> =
  OUTBOX_ROUTES.find((r) => r.job === JobName.KpiApplyEvent)?.types ?? new Set<string>();
const PROGRESS_EVERY = 500;

/**
 * A year of applications through the real lifecycle code, for dashboards that are not empty on
 * first start: each story is played with its own moved clock (intake, then each transition at
 * its time), then the real KPI consumer is run over the outbox events and they are marked
 * published, so a worker started later does not apply them again. Skips when demo
 * applications already exist (a second run adds nothing).
 */
export async function generateDemoHistory(
  config: AppConfig,
  options: DemoHistoryOptions = {},
): Promise<DemoHistoryResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const anchor = options.now ?? new Date();
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  const clock = new DemoClock(anchor);
  const app = await NestFactory.createApplicationContext(
    DemoHistoryModule.register(config, clock),
    { logger: ['error', 'warn'] },
  );
  try {
    const repository = app.get(DemoHistoryRepository);
    const existing = await repository.countMarked(DEMO_HISTORY_NOTE);
    if (existing > 0) {
      log(`demo history: ${existing} demo applications already there, nothing added`);
      return { skipped: true, applications: 0, kpiEvents: 0, seconds: seconds(), summary: null };
    }
    const count = options.count ?? 4000;
    const stories = generateStories({
      seed: options.seed ?? 20260101,
      count,
      procedures: await repository.currentProcedures(),
      provinceName: config.organization.provinceName,
    });
    const calendar = await app.get(WorkingCalendarService).current();
    const ratings = app.get(SatisfactionRatingRepository);
    const runner = new DemoStoryRunner(
      app.get(IntakeService),
      app.get(TransitionService),
      calendar,
      castOf(await repository.staff()),
      anchor,
      DEMO_HISTORY_NOTE,
      (rating) => ratings.insertOnce({ ...rating, comment: null }),
    );
    log(`demo history: ${count} applications over the year before ${anchor.toISOString()}`);
    let done = 0;
    const lanes = plan(
      stories,
      workingDaysBefore(calendar, toLocalDate(anchor)),
      options.concurrency ?? 4,
    );
    await Promise.all(
      lanes.map(async (lane) => {
        for (const { story, day } of lane) {
          const own = new FixedClock(anchor);
          await clock.within(own, () => runner.run(story, day, own));
          done += 1;
          if (done % PROGRESS_EVERY === 0 || done === count) {
            log(`demo history: ${done}/${count} applications, ${seconds().toFixed(1)} s`);
          }
        }
      }),
    );
    const kpiEvents = await fillRollups(
      app.get(OutboxRepository),
      app.get(KpiRollupConsumer),
      log,
      seconds,
    );
    const summary = await repository.summary(DEMO_HISTORY_NOTE);
    return { skipped: false, applications: count, kpiEvents, seconds: seconds(), summary };
  } finally {
    await app.close();
  }
}

/** The working days of the year before `today` (today itself excluded), oldest first. */
function workingDaysBefore(calendar: WorkingCalendar, today: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = addLocalDays(today, -365); d < today; d = addLocalDays(d, 1)) {
    if (calendar.isWorkingDay(d)) {
      days.push(d);
    }
  }
  return days;
}

/**
 * Stories in time order, split into lanes by intake day: all of one day's applications go
 * through one lane in order, so the per-day application codes come out the same every run.
 */
function plan(stories: readonly DemoStory[], days: readonly LocalDate[], lanes: number) {
  const placed = stories
    .map((story) => ({ story, dayIndex: Math.floor(story.dayFraction * days.length) }))
    .sort(
      (a, b) =>
        a.dayIndex - b.dayIndex ||
        a.story.minuteOfDay - b.story.minuteOfDay ||
        a.story.index - b.story.index,
    );
  const out: Array<Array<{ story: DemoStory; day: LocalDate }>> = Array.from(
    { length: lanes },
    () => [],
  );
  for (const { story, dayIndex } of placed) {
    out[dayIndex % lanes].push({ story, day: days[dayIndex] });
  }
  return out;
}

function castOf(staff: readonly DemoStaff[]): DemoCast {
  const actor = (u: DemoStaff): Actor => ({
    id: u.id,
    role: u.role,
    departmentId: u.departmentId,
  });
  const admin = staff.find((u) => u.role === Role.Admin);
  const reception = staff.find((u) => u.role === Role.Reception) ?? admin;
  if (!reception || !admin) {
    throw new Error('demo history: needs a reception user and an admin (run the demo seed first)');
  }
  // The first officer/head of the department by username; the admin stands in where none.
  const of = (role: Role) => (code: string) =>
    actor(staff.find((u) => u.role === role && u.departmentCode === code) ?? admin);
  return { reception: actor(reception), officer: of(Role.Officer), head: of(Role.Head) };
}

/**
 * Runs the KPI consumer over the outbox, as the worker would, in batches claimed like the
 * relay claims them, applied in one transaction per claimed batch as the worker's batcher
 * does, and marks them published.
 */
async function fillRollups(
  outbox: OutboxRepository,
  consumer: KpiRollupConsumer,
  log: (line: string) => void,
  seconds: () => number,
): Promise<number> {
  let applied = 0;
  for (;;) {
    const claimed = await outbox.withClaimedBatch(1000, async (batch) => {
      const events = batch.events.filter((e) => KPI_TYPES.has(e.type));
      await consumer.applyBatch(
        events.map((e) => ({
          eventId: e.id,
          type: e.type,
          occurredAt: new Date(e.occurredAt).toISOString(),
          payload: e.payload as unknown as ApplicationEventPayload,
        })),
      );
      await batch.markPublished(batch.events);
      applied += events.length;
      return batch.events.length;
    });
    if (claimed < 1000) {
      break;
    }
    log(`demo history: KPI roll-ups, ${applied} events applied, ${seconds().toFixed(1)} s`);
  }
  log(`demo history: KPI roll-ups filled from ${applied} events, ${seconds().toFixed(1)} s`);
  return applied;
}
