import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  assertValidDeadlinePolicy,
  DEFAULT_DEADLINE_POLICY,
  DeadlinePolicy,
  WorkingCalendar,
} from '@app/domain';
import { DataSource } from 'typeorm';
import { CalendarOverrideRepository } from '../repositories/calendar-override.repository';

/** How long a replica trusts its calendar before asking the database whether it changed. */
const RECHECK_MS = 30_000;

interface CacheState {
  calendar: WorkingCalendar | null;
  fingerprint: string | null;
  checkedAt: number;
  /** Bumped by invalidate(); the calendar is stale while builtGeneration lags behind. */
  generation: number;
  builtGeneration: number;
  loading: Promise<WorkingCalendar> | null;
  loadingGeneration: number;
}

// One cache per database connection, whichever module instantiated the service, so a change
// made through one instance is seen at once by every other instance in the process.
const caches = new WeakMap<DataSource, CacheState>();

/**
 * The working-day calendar for deadline math: the statutory rules plus the notices stored in
 * calendar_overrides. Built once and shared; rebuilt right after a change made through this
 * process, and otherwise when a cheap check (row count, latest update) shows that another
 * replica changed the overrides — checked at most every 30 seconds.
 */
@Injectable()
export class WorkingCalendarService {
  private readonly overrides: CalendarOverrideRepository;
  private readonly policy: DeadlinePolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Built here rather than injected so that any module may provide this service alone.
    this.overrides = new CalendarOverrideRepository(dataSource);
    const { rules } = config;
    this.policy = Object.freeze({
      ...DEFAULT_DEADLINE_POLICY,
      dayZero: rules.deadlineDayZero,
      cutoff: { ...rules.deadlineCutoff },
      officeHours: { start: { ...rules.officeHoursStart }, end: { ...rules.officeHoursEnd } },
      lunchBreak: rules.lunchBreak
        ? { start: { ...rules.lunchBreak.start }, end: { ...rules.lunchBreak.end } }
        : null,
    });
    assertValidDeadlinePolicy(this.policy);
  }

  async current(): Promise<WorkingCalendar> {
    const state = this.state();
    const fresh =
      state.calendar !== null &&
      state.builtGeneration === state.generation &&
      Date.now() - state.checkedAt < RECHECK_MS;
    if (fresh && state.calendar) {
      return state.calendar;
    }
    // Share a load in flight, unless a local change happened after it started.
    if (!state.loading || state.loadingGeneration !== state.generation) {
      const generation = state.generation;
      const loading = this.refresh(state, generation).finally(() => {
        if (state.loading === loading) {
          state.loading = null;
        }
      });
      state.loading = loading;
      state.loadingGeneration = generation;
    }
    return state.loading;
  }

  /** The province's deadline rules (AppConfig.rules) in the domain's terms. */
  deadlinePolicy(): DeadlinePolicy {
    return this.policy;
  }

  /** Call after changing calendar_overrides: the next current() rebuilds. */
  invalidate(): void {
    this.state().generation += 1;
  }

  private state(): CacheState {
    let state = caches.get(this.dataSource);
    if (!state) {
      state = {
        calendar: null,
        fingerprint: null,
        checkedAt: 0,
        generation: 0,
        builtGeneration: -1,
        loading: null,
        loadingGeneration: -1,
      };
      caches.set(this.dataSource, state);
    }
    return state;
  }

  private async refresh(state: CacheState, generation: number): Promise<WorkingCalendar> {
    const { count, lastUpdatedAt } = await this.overrides.fingerprint();
    const fingerprint = `${count}|${lastUpdatedAt ?? ''}`;
    if (state.calendar && state.builtGeneration > generation) {
      return state.calendar; // a newer load finished first
    }
    if (
      !state.calendar ||
      state.builtGeneration !== generation ||
      state.fingerprint !== fingerprint
    ) {
      const rows = await this.overrides.listAll();
      const calendar = new WorkingCalendar(
        rows.map(({ date, kind, reason, source }) => ({ date, kind, reason, source })),
      );
      if (state.calendar && state.builtGeneration > generation) {
        return state.calendar;
      }
      state.calendar = calendar;
      state.fingerprint = fingerprint;
    }
    state.builtGeneration = generation;
    state.checkedAt = Date.now();
    return state.calendar;
  }
}
