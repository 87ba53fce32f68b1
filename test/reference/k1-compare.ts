import globalSetup from '../setup/global-setup';
import globalTeardown from '../setup/global-teardown';
import { k1ReferenceSettings } from '../setup/k1-reference-settings';
import { ApiFigures, K1Api } from './k1-api';
import { localTime } from './k1-diff';
import { Figures, groupedFigures } from './k1-reference';
import { FIRST_RECEPTION_DAY, NOW, playK1Year } from './k1-year';
import { standardPeriods } from './standard-periods';

/**
 * `npm run k1:compare`: one generated year (fixed seed), played through the real lifecycle
 * code, then for every standard period and department the reference's population, on-time
 * count and rate beside the API's — in whichever shape the API answers (issue 8's contract,
 * or the older `total`/`early`/`onTime`/`open`/`openOverdue` rows). A markdown table on stdout:
 * the "before" and "after" of issue 8's closing note. Needs PostgreSQL and Redis, like the tests.
 */
async function main(): Promise<void> {
  const settings = k1ReferenceSettings();
  const log = (line: string) => console.error(line);
  await globalSetup();
  try {
    const year = await playK1Year(settings, log);
    try {
      const api = new K1Api(year.t);
      const apps = year.apps();
      const lines = [
        `K1 by period and department: reference vs API — seed ${settings.seed}, ${apps.length} applications, ` +
          `now ${localTime(NOW)} (Asia/Ho_Chi_Minh), PAYMENT_PAUSES_CLOCK=${settings.paymentPausesClock}`,
        '',
        '| period | dept | ref population | ref on time | ref rate | API population | API on time | API rate |',
        '|---|---|--:|--:|--:|--:|--:|--:|',
      ];
      let shape = '';
      for (const period of standardPeriods(FIRST_RECEPTION_DAY, NOW)) {
        const answer = await api.onTime(period, 'department');
        const expected = groupedFigures(apps, period, 'department', NOW, year.settings);
        shape = answer.total.shape;
        const name = `${period.label}${period.ended ? '' : ' (running)'}`;
        lines.push(row(name, 'all', expected.total, answer.total));
        for (const d of year.driver.departments) {
          lines.push(
            row('', year.departmentName(d.id), expected.rows.get(d.id), answer.rows.get(d.id)),
          );
        }
      }
      lines.push(
        '',
        `API answer shape: ${shape === 'legacy' ? 'before issue 8 (rows[].total/early/onTime/late/open/openOverdue)' : "issue 8's contract"}`,
      );
      console.log(lines.join('\n'));
    } finally {
      await year.close();
    }
  } finally {
    await globalTeardown();
  }
}

function row(
  period: string,
  dept: string,
  ref: Figures | undefined,
  api: ApiFigures | undefined,
): string {
  const r = ref ?? { population: 0, onTimeCount: 0, rate: null };
  const a = api?.figures ?? { population: 0, onTimeCount: 0, rate: null };
  const rate = (v: number | null | undefined) =>
    v === null || v === undefined ? '–' : v.toFixed(2);
  const mark =
    r.population !== a.population || r.onTimeCount !== a.onTimeCount || r.rate !== a.rate
      ? ' ≠'
      : '';
  return `| ${period} | ${dept} | ${r.population} | ${r.onTimeCount} | ${rate(r.rate)} | ${a.population ?? '–'} | ${a.onTimeCount ?? '–'} | ${rate(a.rate)}${mark} |`;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
