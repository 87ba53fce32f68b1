export interface ClockTime {
  hour: number;
  minute: number;
}

/** The one typed configuration object every app and tool is built from. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  database: { url: string; poolSize: number };
  redis: { url: string };
  api: {
    port: number;
    bodyLimitBytes: number;
    publicBaseUrl: string;
    publicLookupRateLimitPerMinute: number;
    idempotencyTtlHours: number;
  };
  worker: { port: number };
  /** BullMQ and the outbox relay (apps/worker). */
  queues: {
    /** Prefix of every BullMQ key in Redis. */
    prefix: string;
    /** Fallback poll of the outbox when no NOTIFY arrives (a lost connection, a missed wake). */
    outboxPollMs: number;
    outboxBatchSize: number;
    /** Jobs a worker process runs at once, per queue. */
    concurrency: number;
    /** Run the cron schedules (sweep every minute, nightly reconciliation) in this process. */
    schedules: boolean;
  };
  auth: { jwtSecret: string; jwtExpiresIn: string };
  logLevel: string;
  /** Identifier of the receiving agency, the first part of every application code. */
  agencyCode: string;
  /** Who issues the printed forms (their header and signature lines). */
  organization: {
    /** With its level, as in a sentence: "tỉnh Ninh Bình", "thành phố Hà Nội". */
    provinceName: string;
    /** The agency itself: "Sở Giáo dục và Đào tạo". */
    name: string;
  };
  /** Rules the domain spec marks "unconfirmed": configurable, spec value by default. */
  rules: {
    deadlineDayZero: boolean;
    deadlineCutoff: ClockTime;
    officeHoursStart: ClockTime;
    officeHoursEnd: ClockTime;
    maxSupplementRequests: number;
    maxApologies: number;
    paymentPausesClock: boolean;
  };
}
