import { Channel } from '@app/domain';
import { demoApplicant, DemoApplicant } from './demo-people';
import { DemoRandom } from './demo-random';

/** How an application's story ends (or where it stands, if "now" comes first). */
export type DemoEnding = 'early' | 'on_time' | 'late' | 'rejected' | 'withdrawn' | 'refused';

/**
 * One simulated application, in relative terms only (fractions, working days, minutes): the
 * driver turns it into instants with the working calendar and the due dates the real intake
 * computes, so the stories themselves need no calendar and stay pure.
 */
export interface DemoStory {
  index: number;
  procedureCode: string;
  departmentCode: string;
  channel: Channel;
  /** Where in the year's working days the application arrives, 0 (oldest) to 1 (newest). */
  dayFraction: number;
  /** Minutes after 07:30 of the intake; some fall after the 15:00 cut-off on purpose. */
  minuteOfDay: number;
  applicant: DemoApplicant;
  /** Online and postal: minutes until the desk receives (or refuses) it. */
  receiveAfterMinutes: number;
  startAfterMinutes: number;
  supplement: { afterMinutes: number; waitWorkingDays: number } | null;
  ending: DemoEnding;
  /** 0–1: where in the window its ending allows the result is ready. */
  position: number;
  lateWorkingDays: number;
  apologize: boolean;
  digitallySigned: boolean;
  returnAfterWorkingDays: number;
  /** The citizen's satisfaction score (1–5) once the result is returned; null: not rated. */
  rating: number | null;
}

export interface DemoProcedureRef {
  code: string;
  departmentCode: string;
}

/**
 * Share of late results per department: different on purpose, so the dashboard's ranking
 * shows something (overall about 95 % on time, the plan's target being 98 %).
 */
const LATE_RATE: Readonly<Record<string, number>> = {
  VP: 0.015,
  TCCB: 0.03,
  GDMN: 0.025,
  GDTH: 0.04,
  GDTRH: 0.05,
  'GDTX-GDNN': 0.09,
  KTKD: 0.035,
  KHTC: 0.07,
  TTRA: 0.045,
};
const DEFAULT_LATE_RATE = 0.05;
/** Diploma copies from the register: the desk's everyday procedure, far more than the rest. */
const BUSY_PROCEDURES: ReadonlySet<string> = new Set(['1.010020', '2.001914']);

export function generateStories(options: {
  seed: number;
  count: number;
  procedures: readonly DemoProcedureRef[];
  provinceName: string;
}): DemoStory[] {
  const rng = new DemoRandom(options.seed);
  // Sorted so the draw does not depend on the order the database returned the catalog in.
  const procedures = [...options.procedures].sort((a, b) => (a.code < b.code ? -1 : 1));
  if (procedures.length === 0) {
    throw new Error('demo history: no current procedures in the catalog');
  }
  const weights = procedures.map(
    (p) => (0.5 + rng.next() * 2.5) * (BUSY_PROCEDURES.has(p.code) ? 5 : 1),
  );
  const stories: DemoStory[] = [];
  for (let index = 0; index < options.count; index++) {
    const procedure = rng.weighted(procedures, weights);
    stories.push(storyFor(rng, index, procedure, options.provinceName));
  }
  return stories;
}

function storyFor(
  rng: DemoRandom,
  index: number,
  procedure: DemoProcedureRef,
  provinceName: string,
): DemoStory {
  const channel = rng.weighted([Channel.Direct, Channel.Online, Channel.Postal], [0.55, 0.35, 0.1]);
  const lateRate = LATE_RATE[procedure.departmentCode] ?? DEFAULT_LATE_RATE;
  const roll = rng.next();
  let ending: DemoEnding;
  if (channel !== Channel.Direct && roll < 0.03) {
    ending = 'refused';
  } else if (roll < 0.045) {
    ending = 'rejected';
  } else if (roll < 0.06) {
    ending = 'withdrawn';
  } else if (rng.chance(lateRate)) {
    ending = 'late';
  } else {
    ending = rng.chance(0.7) ? 'early' : 'on_time';
  }
  return {
    index,
    procedureCode: procedure.code,
    departmentCode: procedure.departmentCode,
    channel,
    dayFraction: rng.next(),
    // Mostly before the 15:00 cut-off (450 minutes after 07:30), one in ten after it.
    minuteOfDay: rng.chance(0.9) ? rng.int(0, 449) : rng.int(450, 560),
    applicant: demoApplicant(rng, provinceName),
    receiveAfterMinutes: rng.int(20, 900),
    startAfterMinutes: rng.int(30, 1200),
    supplement: rng.chance(0.13)
      ? { afterMinutes: rng.int(60, 900), waitWorkingDays: rng.int(1, 6) }
      : null,
    ending,
    position: rng.next(),
    lateWorkingDays: rng.int(1, 5),
    // Most late results get the apology letter the rules require; some slip through.
    apologize: rng.chance(0.85),
    digitallySigned: rng.chance(0.3),
    returnAfterWorkingDays: rng.weighted([0, 1, 2, 3, 5], [0.35, 0.3, 0.15, 0.1, 0.1]),
    // About one citizen in three rates; a late result is rated low far more often.
    rating: rng.chance(0.35)
      ? ending === 'late'
        ? rng.weighted([1, 2, 3, 4, 5], [0.2, 0.3, 0.3, 0.15, 0.05])
        : rng.weighted([1, 2, 3, 4, 5], [0.005, 0.015, 0.08, 0.3, 0.6])
      : null,
  };
}
