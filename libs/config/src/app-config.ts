import type { SigningConfig } from './signing-config';

/** Roles that may sign letters (the Role values of libs/domain). */
export type SignerRole = 'head' | 'director';

export type DeadlineReminders = 'sweep' | 'jobs';

export interface ClockTime {
  hour: number;
  minute: number;
}

/** The one typed configuration object every app and tool is built from. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  database: {
    url: string;
    /** A streaming replica for read-only paths (null: they read the primary). */
    readUrl: string | null;
    /** Past this lag the replica is not read. */
    readMaxLagMs: number;
    /** The replica applies every commit before it returns (remote_apply): no read-your-writes wait. */
    readSynchronous: boolean;
    /** The primary bypassing any pooler: LISTEN and migrations (= url when not set). */
    directUrl: string;
    /** Named prepared statements on the hot path (false behind PgBouncer < 1.21). */
    namedStatements: boolean;
    poolSize: number;
    /** Group commit of desk intakes (maxBatch 1: none); see ApplicationRepository.insert. */
    intakeGroupCommit: { maxBatch: number; maxInFlight: number };
    /** Longest wait for a pool connection (then 503), and the apps' statement_timeout. */
    connectionTimeoutMs: number;
    statementTimeoutMs: number;
  };
  /** commandTimeoutMs: a call to an unresponsive Redis fails after this, so nothing hangs. */
  redis: {
    url: string;
    commandTimeoutMs: number;
    /** Redis Cluster seed nodes; null: the single server at `url`. */
    clusterNodes: Array<{ host: string; port: number }> | null;
    /** Check noeviction and AOF at start (refuse in production); false: checked by hand. */
    checkSettings: boolean;
  };
  api: {
    port: number;
    /** Address the API listens on. */
    host: string;
    /** Swagger UI and /api/docs/openapi.json in production (always served elsewhere). */
    docsInProduction: boolean;
    /** Reverse proxies allowed to name the client in X-Forwarded-For (addresses or CIDRs). */
    trustedProxies: string[];
    bodyLimitBytes: number;
    publicBaseUrl: string;
    publicLookupRateLimitPerMinute: number;
    idempotencyTtlHours: number;
    /** Life of a metrics-stream ticket: long enough to open the stream, short if it leaks. */
    streamTicketTtlSeconds: number;
  };
  worker: { port: number };
  /** GET /metrics and the API docs: who may read them, and where (issue 9). */
  operations: {
    /** Bearer token for /metrics (both apps); null: in production the API admits admins only. */
    metricsToken: string | null;
    /** A listener of their own for /metrics and the docs (then not on api.port); null: none. */
    port: number | null;
    host: string;
  };

  /** BullMQ and the outbox relay (apps/worker). */
  queues: {
    /** Prefix of every BullMQ key in Redis. */
    prefix: string;
    /** Fallback poll of the outbox when no NOTIFY arrives (a lost connection, a missed wake). */
    outboxPollMs: number;
    outboxBatchSize: number;
    /** Jobs a worker process runs at once, per queue. */
    concurrency: number;
    /** Jobs the KPI roll-up queue runs at once per process: the events one batch can gather. */
    kpiConcurrency: number;
    /** Most events one consumer (KPI roll-ups, deadline scheduling) applies in one transaction. */
    eventBatchSize: number;
    /** BullMQ job lock; a job of a dead worker is retried once this has expired. */
    lockDurationMs: number;
    /** How often a worker looks for stalled jobs (active, lock expired) to retry them. */
    stalledIntervalMs: number;
    /** Test-only slow-down of the KPI processor (drills kill a worker mid-batch); 0 otherwise. */
    kpiConsumerDelayMs: number;
    /** Run the cron schedules (sweep every minute, nightly reconciliation) in this process. */
    schedules: boolean;
  };
  auth: {
    jwtSecret: string;
    /** `iss` of every access token, checked on each request. */
    issuer: string;
    /** `aud` of access tokens for the API (Bull Board's cookie has an audience of its own). */
    audience: string;
    /** Life of an access token (at most 15 min). */
    accessTokenTtlSeconds: number;
    /** A login's whole life: refresh tokens rotate within it, never beyond. */
    refreshTokenTtlHours: number;
    /** The refresh cookie's Secure flag (on in production). */
    cookieSecure: boolean;
    /** How long a process trusts its last read of an account: the revocation delay bound. */
    accountCheckTtlMs: number;
    /** Shortest new password accepted. */
    passwordMinLength: number;
  };
  /** Nightly housekeeping: what is deleted, and at most how much per night (bounded work). */
  housekeeping: {
    outboxRetentionDays: number;
    consumedEventsRetentionDays: number;
    batchSize: number;
    /** Per table and night; what is left over goes the next night. */
    maxBatches: number;
  };
  /** The every-minute deadline sweep: rows per batch, one short transaction each. */
  sweep: {
    batchSize: number;
    /**
     * Who raises deadline reminders: the sweep alone (at most a minute late, nothing per open
     * application in Redis), or delayed jobs scheduled per due date, repaired by the sweep.
     */
    reminders: DeadlineReminders;
  };
  security: {
    /** Wrong code/phone pairs before one application code is locked for look-up and rating. */
    publicLookupMaxFailures: number;
    /** Failed logins before an account, or a client address, is locked. */
    loginMaxFailuresPerAccount: number;
    loginMaxFailuresPerAddress: number;
    /** First lock; each further lock of the same key within a day doubles it (24 h at most). */
    lockoutSeconds: number;
    /** Bound of the in-process throttle store used while Redis is unreachable. */
    throttleFallbackMaxEntries: number;
    /** Open dashboard streams (SSE) one user may hold in one API process. */
    streamMaxPerUser: number;
    /** Security audit rows older than this are purged (the chain stays verifiable). */
    auditRetentionMonths: number;
  };
  /** Escalation defaults; rows of escalation_policies override them per department/procedure. */
  escalations: {
    /** Level 4 is raised when an application is overdue by this many working days. */
    overdueWorkingDays: number;
    /** The supervising office told at level 4 (e-mail only, it has no account). */
    supervisingOfficeEmail: string | null;
    /** Working days for the suggested new due date of an apology draft, when the procedure has none. */
    apologyWorkingDays: number;
  };
  /** E-mail digests of notifications (sent in office hours, `rules.officeHours*`). */
  mail: { smtpUrl: string; from: string; dailyCapPerRecipient: number };
  logLevel: string;
  /** OpenTelemetry traces; `none` registers no SDK at all (the API calls are no-ops). */
  tracing: {
    exporter: 'none' | 'otlp' | 'console';
    /** OTLP/HTTP base URL; spans go to `<endpoint>/v1/traces`. */
    otlpEndpoint: string;
    /** Share of new traces recorded (0–1); a trace started elsewhere keeps its own decision. */
    sampleRatio: number;
  };
  /** Who issues the printed forms (their header and signature lines). */
  organization: {
    /** With its level, as in a sentence: "tỉnh Ninh Bình", "thành phố Hà Nội". */
    provinceName: string;
    /** The agency itself: "Sở Giáo dục và Đào tạo". */
    name: string;
  };
  /** Closing periods (chốt số liệu). */
  kpi: {
    /** A period is closed this long after its end at the earliest (late events land first). */
    closeAfterMinutes: number;
    /** The nightly job closes periods that ended within this many days. */
    closeLookbackDays: number;
  };
  /** Uploaded documents: the store behind the FileStore port and what an upload may be. */
  storage: {
    driver: 'local' | 's3';
    /** Local driver: the folder holding the content-addressed files. */
    localDir: string;
    s3: {
      endpoint: string | null;
      bucket: string;
      region: string;
      accessKeyId: string | null;
      secretAccessKey: string | null;
      forcePathStyle: boolean;
    };
    maxBytes: number;
    allowedTypes: Array<'pdf' | 'jpeg' | 'png'>;
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
    /** A supplement request later than this after reception needs a head's override. */
    supplementRequestWindowWorkingDays: number;
    /** An apology's new date is at most this many working days after the date in force. */
    apologyMaxExtensionWorkingDays: number;
    /** Excluded from limits in hours; null: office hours count whole. */
    lunchBreak: { start: ClockTime; end: ClockTime } | null;
    /**
     * Working days after a supplement or payment request before the application counts as
     * abandoned and may be stopped (no figure in the spec: a project default, configurable).
     */
    abandonmentWorkingDays: number;
    /** Who signs the apology: the agency's head, or a delegate recorded as such (spec §2). */
    apologySigning: { headRoles: SignerRole[]; delegateRoles: SignerRole[] };
    /** K1 compares the adjusted end with the appointment by local day, or by instant. */
    k1Granularity: 'day' | 'instant';
    /** Citizen satisfaction rating (K8): the scale and the scores that count as negative. */
    ratingScale: { min: number; max: number; negativeAtMost: number };
    /** Working days the desk has to accept or refuse an online submission (spec §7). */
    onlineCheckWorkingDays: number;
  };
  /** Signed results: signing key, timestamp authority, trust anchors (signing-config.ts). */
  signing: SigningConfig;
  /** The postal channel (bưu chính công ích). */
  postal: {
    /** A hand-over record older than this is refused as a reception time (400). */
    handOverMaxAgeDays: number;
    carrier: {
      /** null: consignments wait (carrier_state pending) until a carrier is configured. */
      baseUrl: string | null;
      token: string | null;
      timeoutMs: number;
      customerCode: string;
    };
  };
  /** Systems outside the Department: the national portal (DVCQG). */
  national: {
    dvcqg: {
      /** null: sync records are kept but nothing is sent (no portal configured). */
      baseUrl: string | null;
      token: string | null;
      /** One HTTP call's limit; past it the call counts as failed and is retried. */
      timeoutMs: number;
      /** Sync jobs at once per worker process (each holds a connection while it sends). */
      concurrency: number;
      /** The nightly reconciliation catches up at most this many missed days. */
      reconcileMaxDays: number;
      /** Dossiers one reconciliation run compares at most (the rest waits for the next run). */
      reconcileLimit: number;
    };
  };
}
