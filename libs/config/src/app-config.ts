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
  auth: { jwtSecret: string; jwtExpiresIn: string };
  logLevel: string;
  /** Identifier of the receiving agency, the first part of every application code. */
  agencyCode: string;
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
