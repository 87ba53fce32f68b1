import { performance } from 'node:perf_hooks';
import { sleep } from '../../bench/intake/api-process';

/** One API process as the load sees it: its address, and whether it is up (not being killed). */
export interface ApiTarget {
  baseUrl: string;
  up: boolean;
}

export interface Latencies {
  writes: number[];
  reads: number[];
  /** Requests that failed and were retried (connection refused while an API was down, 5xx). */
  retried: number;
}

/** The state of one application as the clients last saw it acknowledged. */
export interface Known {
  id: string;
  status: string;
  version: number;
  procedureCode: string;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Sends a request to the live APIs in turn until one answers (anything but a network error or a
 * 5xx); the same request (an intake with its Idempotency-Key, a transition with its version) is
 * safe to repeat. Returns the answer and the latency of the attempt that got it.
 */
export async function call(
  apis: readonly ApiTarget[],
  next: { n: number },
  method: 'GET' | 'POST',
  path: string,
  token: string,
  latencies: Latencies,
  options: { body?: object; headers?: Record<string, string>; deadlineMs?: number } = {},
): Promise<Answer & { ms: number }> {
  const until = Date.now() + (options.deadlineMs ?? 120_000);
  for (;;) {
    const live = apis.filter((a) => a.up);
    const api = live.length > 0 ? live[next.n++ % live.length] : apis[next.n++ % apis.length];
    const started = performance.now();
    try {
      const response = await fetch(`${api.baseUrl}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(options.body ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        body: options.body ? JSON.stringify(options.body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      const ms = performance.now() - started;
      if (response.status < 500) {
        return {
          status: response.status,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          ms,
        };
      }
    } catch {
      // connection refused or reset: the API was killed; another one (or its restart) answers
    }
    latencies.retried += 1;
    if (Date.now() > until) {
      throw new Error(`${method} ${path}: no API answered within the deadline`);
    }
    await sleep(100);
  }
}

/** p-th percentile (0–100) of unsorted values, in the values' unit. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Runs `tick` every `intervalMs` (open loop: a slow answer does not delay the next arrival)
 * until `stop()`; resolves once every started tick has finished.
 */
export async function steady(
  intervalMs: number,
  stop: () => boolean,
  tick: (n: number) => Promise<void>,
  onError: (error: Error) => void,
): Promise<void> {
  const running = new Set<Promise<void>>();
  let n = 0;
  const started = performance.now();
  while (!stop()) {
    const p: Promise<void> = tick(n++)
      .catch(onError)
      .finally(() => running.delete(p));
    running.add(p);
    const nextAt = started + n * intervalMs;
    await sleep(Math.max(0, nextAt - performance.now()));
  }
  await Promise.all(running);
}
