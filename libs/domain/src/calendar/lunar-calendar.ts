import { dayNumberFromParts, partsFromDayNumber } from './local-date';

/**
 * Vietnamese lunisolar calendar, after Hồ Ngọc Đức's astronomical algorithm ("Âm lịch Việt Nam",
 * https://www.informatik.uni-leipzig.de/~duc/amlich/): months start on the local day of the new
 * moon, month 11 contains the winter solstice, and a 13-month year repeats the first month that
 * contains no major solar term. Computed for UTC+7, which is why some years differ from the
 * Chinese (UTC+8) calendar: Tết 1968, 1985 and 2007 fall on a different day.
 */

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  /** True for the intercalary (nhuận) repetition of `month`. */
  leap: boolean;
}

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

/** Years checked by tests; the formulas stay sane a little beyond, but nothing is promised. */
export const LUNAR_CALENDAR_RANGE = { firstYear: 1900, lastYear: 2199 } as const;

export const VIETNAM_TIME_ZONE_HOURS = 7;

const JULIAN_DAY_OF_UNIX_EPOCH = 2440588;
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01 13:52 UTC, the origin of the lunation index k. */
const NEW_MOON_EPOCH = 2415021.076998695;
const RADIANS_PER_DEGREE = Math.PI / 180;

// Both year-level results are needed by every conversion and depend only on their arguments,
// so caching them keeps a day's conversion to a few new-moon evaluations. At most a few hundred
// entries per time zone for the supported range.
const month11Cache = new Map<string, number>();
const leapOffsetCache = new Map<string, number>();

function memoised(cache: Map<string, number>, key: string, compute: () => number): number {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

function julianDay(year: number, month: number, day: number): number {
  return dayNumberFromParts(year, month, day) + JULIAN_DAY_OF_UNIX_EPOCH;
}

function solarFromJulianDay(jd: number): SolarDate {
  return partsFromDayNumber(jd - JULIAN_DAY_OF_UNIX_EPOCH);
}

/** Julian date (with fraction, UT) of the k-th new moon after 1900-01-01 (Meeus, simplified). */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const dr = RADIANS_PER_DEGREE;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const moonLatitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  let c1 =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly * dr) + 0.0021 * Math.sin(2 * dr * sunAnomaly);
  c1 = c1 - 0.4068 * Math.sin(moonAnomaly * dr) + 0.0161 * Math.sin(dr * 2 * moonAnomaly);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * moonAnomaly);
  c1 =
    c1 +
    0.0104 * Math.sin(dr * 2 * moonLatitude) -
    0.0051 * Math.sin(dr * (sunAnomaly + moonAnomaly));
  c1 =
    c1 -
    0.0074 * Math.sin(dr * (sunAnomaly - moonAnomaly)) +
    0.0004 * Math.sin(dr * (2 * moonLatitude + sunAnomaly));
  c1 =
    c1 -
    0.0004 * Math.sin(dr * (2 * moonLatitude - sunAnomaly)) -
    0.0006 * Math.sin(dr * (2 * moonLatitude + moonAnomaly));
  c1 =
    c1 +
    0.001 * Math.sin(dr * (2 * moonLatitude - moonAnomaly)) +
    0.0005 * Math.sin(dr * (2 * moonAnomaly + sunAnomaly));
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd1 + c1 - deltaT;
}

/** Sun's apparent longitude in radians, normalised to [0, 2π), at Julian date `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const t = (jdn - 2451545.0) / 36525;
  const t2 = t * t;
  const dr = RADIANS_PER_DEGREE;
  const meanAnomaly = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  let dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(dr * meanAnomaly);
  dl +=
    (0.019993 - 0.000101 * t) * Math.sin(dr * 2 * meanAnomaly) +
    0.00029 * Math.sin(dr * 3 * meanAnomaly);
  const longitude = (meanLongitude + dl) * dr;
  return longitude - Math.PI * 2 * Math.floor(longitude / (Math.PI * 2));
}

/** Index 0..11 of the 30° sector (major solar term) the sun is in at local midnight of `jd`. */
function sunSector(jd: number, timeZone: number): number {
  return Math.floor((sunLongitude(jd - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** Julian day number of the local day on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoon(k) + 0.5 + timeZone / 24);
}

/** Julian day on which lunar month 11 (the one holding the winter solstice) of `year` starts. */
function lunarMonth11Start(year: number, timeZone: number): number {
  return memoised(month11Cache, `${year}@${timeZone}`, () =>
    computeLunarMonth11Start(year, timeZone),
  );
}

function computeLunarMonth11Start(year: number, timeZone: number): number {
  const offset = julianDay(year, 12, 31) - 2415021;
  const k = Math.floor(offset / SYNODIC_MONTH);
  const candidate = newMoonDay(k, timeZone);
  // Sector 9 starts at 270°, the winter solstice: if that new moon comes after it, take the previous one.
  return sunSector(candidate, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : candidate;
}

/** Position (counted from month 11) of the leap month of a 13-month year starting at `a11`. */
function leapMonthOffset(a11: number, timeZone: number): number {
  return memoised(leapOffsetCache, `${a11}@${timeZone}`, () =>
    computeLeapMonthOffset(a11, timeZone),
  );
}

function computeLeapMonthOffset(a11: number, timeZone: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  let last: number;
  // The first month with no new major term (same sector at its start and the next) is the leap one.
  do {
    last = arc;
    i += 1;
    arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

function assertSolarDate(year: number, month: number, day: number): void {
  if (
    ![year, month, day].every(Number.isInteger) ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31
  ) {
    throw new RangeError(`Invalid solar date ${day}/${month}/${year}`);
  }
  const back = solarFromJulianDay(julianDay(year, month, day));
  if (back.month !== month || back.day !== day) {
    throw new RangeError(`Invalid solar date ${day}/${month}/${year}`);
  }
}

export function solarToLunar(
  year: number,
  month: number,
  day: number,
  timeZone: number = VIETNAM_TIME_ZONE_HOURS,
): LunarDate {
  assertSolarDate(year, month, day);
  const dayNumber = julianDay(year, month, day);
  // The mean-lunation estimate of k can be off by one where the true new moon strays far from
  // the mean (e.g. 7/5/2054, 9/4/2062, which the original two-candidate code puts on "day 0"),
  // so step until newMoonDay(k) ≤ dayNumber < newMoonDay(k + 1).
  let k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  while (newMoonDay(k, timeZone) > dayNumber) {
    k -= 1;
  }
  while (newMoonDay(k + 1, timeZone) <= dayNumber) {
    k += 1;
  }
  const monthStart = newMoonDay(k, timeZone);
  let a11 = lunarMonth11Start(year, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11Start(year - 1, timeZone);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11Start(year + 1, timeZone);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, timeZone);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (lunarMonth > 12) {
    lunarMonth -= 12;
  }
  if (lunarMonth >= 11 && diff < 4) {
    lunarYear -= 1;
  }
  return { year: lunarYear, month: lunarMonth, day: lunarDay, leap };
}

/**
 * Solar date of a lunar date. Throws RangeError when `leap` is set for a month that is not the
 * leap month of that year, or when the day does not exist in that month (30 in a 29-day month).
 */
export function lunarToSolar(
  lunarDay: number,
  lunarMonth: number,
  lunarYear: number,
  leap: boolean = false,
  timeZone: number = VIETNAM_TIME_ZONE_HOURS,
): SolarDate {
  if (
    ![lunarDay, lunarMonth, lunarYear].every(Number.isInteger) ||
    lunarMonth < 1 ||
    lunarMonth > 12 ||
    lunarDay < 1 ||
    lunarDay > 30
  ) {
    throw new RangeError(`Invalid lunar date ${lunarDay}/${lunarMonth}/${lunarYear}`);
  }
  const [a11, b11] =
    lunarMonth < 11
      ? [lunarMonth11Start(lunarYear - 1, timeZone), lunarMonth11Start(lunarYear, timeZone)]
      : [lunarMonth11Start(lunarYear, timeZone), lunarMonth11Start(lunarYear + 1, timeZone)];
  let offset = lunarMonth - 11 < 0 ? lunarMonth + 1 : lunarMonth - 11;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, timeZone);
    // Same numbering as solarToLunar: the month at offset d (≥ leap) is d + 10, modulo 12.
    const leapMonth = ((leapOffset + 9) % 12) + 1;
    if (leap && lunarMonth !== leapMonth) {
      throw new RangeError(`Lunar year ${lunarYear} has no leap month ${lunarMonth}`);
    }
    if (leap || offset >= leapOffset) {
      offset += 1;
    }
  } else if (leap) {
    throw new RangeError(`Lunar year ${lunarYear} has no leap month`);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  const monthStart = newMoonDay(k + offset, timeZone);
  if (lunarDay === 30 && newMoonDay(k + offset + 1, timeZone) - monthStart < 30) {
    throw new RangeError(`Lunar month ${lunarMonth}/${lunarYear} has only 29 days`);
  }
  return solarFromJulianDay(monthStart + lunarDay - 1);
}
