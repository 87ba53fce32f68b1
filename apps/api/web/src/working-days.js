// @ts-check
// Working days left until an appointment, from the API's calendar (GET /calendar/:year: days
// off and Saturdays worked). Vietnam keeps UTC+7 all year, so local days are plain UTC shifts.
import { api } from './api.js';
import { localDay } from './format.js';

const years = new Map();

function loadYear(year) {
  if (!years.has(year)) {
    const promise = api(`/calendar/${year}`)
      .then(({ days }) => ({
        off: new Set(days.filter((d) => d.kind !== 'working_saturday').map((d) => d.date)),
        worked: new Set(days.filter((d) => d.kind === 'working_saturday').map((d) => d.date)),
      }))
      .catch((error) => {
        years.delete(year);
        throw error;
      });
    years.set(year, promise);
  }
  return years.get(year);
}

function nextDay(day) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Loads the years a list of appointments spans; resolves to isWorkingDay(YYYY-MM-DD). */
export async function workingDayChecker(dueDates, now = new Date()) {
  const yearSet = new Set([Number(localDay(now).slice(0, 4))]);
  for (const due of dueDates) {
    if (due) {
      yearSet.add(Number(localDay(due).slice(0, 4)));
    }
  }
  const calendars = new Map();
  await Promise.all(
    [...yearSet].map(async (y) => calendars.set(y, await loadYear(y).catch(() => null))),
  );
  return (day) => {
    const cal = calendars.get(Number(day.slice(0, 4)));
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (cal?.worked.has(day)) {
      return true;
    }
    if (weekday === 0 || weekday === 6) {
      return false;
    }
    return !cal?.off.has(day);
  };
}

/** Working days strictly after `fromDay` up to and including `toDay`. */
function countWorkingDays(fromDay, toDay, isWorkingDay) {
  let n = 0;
  for (let d = nextDay(fromDay); d <= toDay; d = nextDay(d)) {
    if (isWorkingDay(d)) {
      n += 1;
    }
  }
  return n;
}

/**
 * Time left until a deadline, in words: overdue (red), due today or within one working day
 * (amber), else calm. Always with words, never colour alone.
 * @param {string} dueAt
 * @param {(day: string) => boolean} isWorkingDay
 * @param {Date} [now]
 * @returns {{ level: 'overdue' | 'soon' | 'ok', label: string }}
 */
export function timeLeft(dueAt, isWorkingDay, now = new Date()) {
  const today = localDay(now);
  const dueDay = localDay(dueAt);
  if (new Date(dueAt) < now) {
    const late = countWorkingDays(dueDay, today, isWorkingDay);
    return {
      level: 'overdue',
      label: late > 0 ? `Quá hạn ${late} ngày làm việc` : 'Quá hạn',
    };
  }
  if (dueDay === today) {
    return { level: 'soon', label: 'Đến hạn trong hôm nay' };
  }
  const left = countWorkingDays(today, dueDay, isWorkingDay);
  return {
    level: left <= 1 ? 'soon' : 'ok',
    label: `Còn ${left} ngày làm việc`,
  };
}

/**
 * Risk of an open application: overdue (red), due within one working day (amber), else calm;
 * paused while waiting for the applicant. The API says whether the clock runs (`clock`: a
 * payment wait pauses it only when the deployment is configured so). Always with words, never
 * colour alone.
 */
export function deadlineRisk(application, isWorkingDay, now = new Date()) {
  if (application.clock === 'paused') {
    return { level: 'paused', label: 'Tạm dừng tính hạn' };
  }
  if (application.clock !== 'running' || !application.dueAt) {
    return null;
  }
  return timeLeft(application.dueAt, isWorkingDay, now);
}
