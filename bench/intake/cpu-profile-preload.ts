import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Preloaded into the API process when the bench runs with BENCH_CPU_PROF=<dir>. Over the IPC
 * channel, 'start' starts the V8 CPU profiler and 'end' writes <dir>/api-<pid>.cpuprofile, then
 * answers with its path (open it in Chrome DevTools or summarise it with cpu-profile.ts).
 * Neither `--cpu-prof` nor a signal will do: Nest's shutdown hooks end the process by re-raising
 * SIGTERM, so no profile is written at exit, and they treat SIGUSR2 as a shutdown signal too.
 */
const outputDir = process.env.BENCH_CPU_PROFILE_DIR;
if (outputDir && process.send) {
  const session = new Session();
  session.connect();
  const reply = (message: Record<string, string>) => process.send?.(message);
  process.on('message', (message: { cpuProfile?: 'start' | 'end' }) => {
    if (message.cpuProfile === 'start') {
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 200 }, () =>
          session.post('Profiler.start', () => reply({ cpuProfile: 'started' })),
        ),
      );
    } else if (message.cpuProfile === 'end') {
      session.post('Profiler.stop', (error, result) => {
        if (error) {
          reply({ cpuProfile: 'failed', reason: error.message });
          return;
        }
        try {
          mkdirSync(outputDir, { recursive: true });
          const path = join(outputDir, `api-${process.pid}.cpuprofile`);
          writeFileSync(path, JSON.stringify(result.profile));
          reply({ cpuProfile: 'written', path });
        } catch (writeError) {
          reply({ cpuProfile: 'failed', reason: (writeError as Error).message });
        }
      });
    }
  });
  // The channel must not keep a stopping API alive.
  process.channel?.unref();
}
