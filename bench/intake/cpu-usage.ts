import { readFileSync } from 'node:fs';
import type { Client } from 'pg';

/**
 * CPU time spent per intake, by process: the figure that says where the time goes on a
 * 2-core machine where the API, PostgreSQL and the load generator share the cores.
 */
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux

export interface CpuSplit {
  /** The API process (API row) or the bench's own pg loop (ceiling rows). */
  clientMs: number;
  /** The PostgreSQL backends serving the bench database. */
  postgresMs: number;
  /** autocannon, in the bench process (API row only). */
  loadGeneratorMs: number | null;
}

interface Snapshot {
  clientSeconds: number;
  /** CPU seconds by backend pid; a backend that is gone reads 0 and is left out. */
  backendSeconds: Map<number, number>;
  benchSeconds: number;
}

/** Starts measuring; call the returned function after the run with the number of intakes. */
export async function startCpuMeasurement(
  db: Client,
  clientPid: number | null,
): Promise<(intakes: number) => Promise<CpuSplit>> {
  const before = await snapshot(db, clientPid, null);
  return async (intakes) => {
    const after = await snapshot(db, clientPid, [...before.backendSeconds.keys()]);
    let postgresSeconds = 0;
    for (const [pid, seconds] of after.backendSeconds) {
      postgresSeconds += seconds > 0 ? seconds - (before.backendSeconds.get(pid) ?? 0) : 0;
    }
    const perIntake = (seconds: number) => (intakes > 0 ? (seconds * 1000) / intakes : NaN);
    const bench = perIntake(after.benchSeconds - before.benchSeconds);
    return {
      clientMs: clientPid === null ? bench : perIntake(after.clientSeconds - before.clientSeconds),
      postgresMs: perIntake(postgresSeconds),
      loadGeneratorMs: clientPid === null ? null : bench,
    };
  };
}

async function snapshot(
  db: Client,
  clientPid: number | null,
  knownBackends: number[] | null,
): Promise<Snapshot> {
  // The same backends before and after: pools keep their connections once warmed up.
  const backendPids = knownBackends ?? (await benchBackendPids(db));
  const usage = process.cpuUsage();
  return {
    clientSeconds: clientPid === null ? 0 : processCpuSeconds(clientPid),
    backendSeconds: new Map(backendPids.map((pid) => [pid, processCpuSeconds(pid)])),
    benchSeconds: (usage.user + usage.system) / 1e6,
  };
}

async function benchBackendPids(db: Client): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rows.map((row) => row.pid);
}

/** utime + stime from /proc/<pid>/stat; 0 for a process that is gone or elsewhere. */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
