// The part of autocannon's programmatic API the bench uses (autocannon ships no types).
declare module 'autocannon' {
  function autocannon(options: autocannon.AutocannonOptions): autocannon.AutocannonInstance;

  namespace autocannon {
    interface AutocannonRequest {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      onResponse?: (status: number, body: string) => void;
    }

    interface AutocannonOptions {
      url: string;
      connections?: number;
      duration?: number;
      pipelining?: number;
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      requests?: AutocannonRequest[];
    }

    interface LatencyStats {
      average: number;
      p50: number;
      p90: number;
      p99: number;
      max: number;
    }

    interface AutocannonResult {
      duration: number;
      latency: LatencyStats;
      /** `sent`: requests written to the sockets, answered or not. */
      requests: { average: number; total: number; sent: number };
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
    }

    interface AutocannonInstance extends PromiseLike<AutocannonResult> {
      stop(): void;
    }
  }

  export = autocannon;
}
