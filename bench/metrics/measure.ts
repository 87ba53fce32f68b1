import { performance } from 'node:perf_hooks';

/** Latencies of one row of the report, in milliseconds. */
export interface Latencies {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  /** Completed requests per second over the pass (for the concurrent pass). */
  perSecond: number;
}

export function summarise(samples: number[], wallMs: number): Latencies {
  const sorted = Float64Array.from(samples).sort();
  const at = (fraction: number) =>
    sorted.length === 0
      ? NaN
      : sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
  return {
    count: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    mean: sorted.reduce((s, v) => s + v, 0) / Math.max(sorted.length, 1),
    max: sorted[sorted.length - 1] ?? NaN,
    perSecond: (sorted.length / wallMs) * 1000,
  };
}

/**
 * One GET with the bearer token; the body is read in full (the time a client waits), and
 * anything but 200 is an error: a fast 4xx must not pass for a fast answer.
 */
export async function timedGet(url: string, token: string): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(60_000),
  });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) {
    throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 500)}`);
  }
  return { ms, body };
}

/** `requests` calls of `call`, at most `inFlight` at a time; returns the latencies. */
export async function measure(
  call: () => Promise<number>,
  requests: number,
  inFlight: number,
): Promise<Latencies> {
  const samples: number[] = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(inFlight, requests) }, async () => {
      while (issued < requests) {
        issued++;
        samples.push(await call());
      }
    }),
  );
  return summarise(samples, performance.now() - started);
}
