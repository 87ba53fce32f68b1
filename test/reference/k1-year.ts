import { atLocalTime } from '@app/domain';
import { QueueName } from '@app/messaging';
import { K1ReferenceSettings } from '../setup/k1-reference-settings';
import { startTestApp, TestApp } from '../setup/test-app';
import { dropQueues, startWorkerOn, testQueuePrefix, WorkerOnDatabase } from '../setup/test-events';
import { K1Driver, SteppedClock } from './k1-driver';
import { K1Settings, RecordedApplication } from './k1-reference';
import { generateScripts, Script } from './k1-scenarios';

/**
 * A generated year of applications, played through the real API app and a worker sharing one
 * moved clock: from October 2025 to "now", Wednesday 21 October 2026 10:00 (local), so that
 * standard periods of every kind end inside it and some are still running.
 */
export const FIRST_RECEPTION_DAY = '2025-10-01';
export const LAST_RECEPTION_DAY = '2026-10-20';
export const NOW = atLocalTime('2026-10-21', 10, 0).getTime();
/** After the periods are closed, the clock moves on to here and what was planned happens. */
export const LATER = atLocalTime('2026-10-22', 16, 0).getTime();

export interface K1Year {
  t: TestApp;
  worker: WorkerOnDatabase;
  clock: SteppedClock;
  driver: K1Driver;
  scripts: Script[];
  settings: K1Settings;
  apps: () => RecordedApplication[];
  departmentName: (id: string) => string;
  seconds: { play: number; worker: number };
  close(): Promise<void>;
}

export async function playK1Year(
  settings: K1ReferenceSettings,
  log: (line: string) => void = () => undefined,
): Promise<K1Year> {
  const clock = new SteppedClock(new Date(atLocalTime(FIRST_RECEPTION_DAY, 0, 0)));
  const prefix = testQueuePrefix();
  const env = {
    QUEUE_PREFIX: prefix,
    MAX_SUPPLEMENT_REQUESTS: '2',
    PAYMENT_PAUSES_CLOCK: String(settings.paymentPausesClock),
  };
  const t = await startTestApp(env, { clock });
  let worker: WorkerOnDatabase | null = null;
  const close = async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t.close();
  };
  try {
    worker = await startWorkerOn(t.config.database.url, env, { clock });
    const driver = new K1Driver(t, clock, settings.concurrency);
    await driver.setUp();
    const scripts = generateScripts(settings.size, settings.seed);
    log(`K1 reference: ${scripts.length} applications (seed ${settings.seed}), playing…`);
    const started = Date.now();
    await driver.play(scripts, {
      firstDay: FIRST_RECEPTION_DAY,
      lastDay: LAST_RECEPTION_DAY,
      until: new Date(NOW),
    });
    const play = (Date.now() - started) / 1000;
    log(`K1 reference: played in ${play.toFixed(1)} s; waiting for the worker…`);
    await driver.waitForWorker();
    const workerSeconds = (Date.now() - started) / 1000 - play;
    log(`K1 reference: worker done ${workerSeconds.toFixed(1)} s later`);
    const names = new Map(driver.departments.map((d, i) => [d.id, `P${i + 1}`]));
    return {
      t,
      worker,
      clock,
      driver,
      scripts,
      settings: { paymentPausesClock: settings.paymentPausesClock },
      apps: () => [...driver.recorded.values()],
      departmentName: (id) => names.get(id) ?? id,
      seconds: { play, worker: workerSeconds },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
