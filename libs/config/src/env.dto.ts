import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : value === true || value === 'true' || value === '1';

/** Every environment variable motcua reads. Validated once at boot (style rule 9). */
export class EnvDto {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: string;

  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE?: number;

  /**
   * Group commit of desk intakes: the most intakes one statement writes (1: one statement
   * each, no grouping), and the most such statements in flight at once per process.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  INTAKE_GROUP_MAX_BATCH?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  INTAKE_GROUP_IN_FLIGHT?: number;

  /** Longest wait for a pool connection: past it the request answers 503, it never hangs. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120000)
  DATABASE_CONNECTION_TIMEOUT_MS?: number;

  /** statement_timeout of the apps' connections (migrations and tools have none). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3600000)
  DATABASE_STATEMENT_TIMEOUT_MS?: number;

  /**
   * A streaming replica for the read-only paths (metrics, reports, lists, the dashboard);
   * unset: they read the primary. A user's reads go to the primary until the replica has
   * replayed that user's last write (read-your-writes).
   */
  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_READ_URL?: string;

  /**
   * Intake's hot statements as named prepared statements (planned once per connection). Set
   * false behind PgBouncer older than 1.21 in transaction mode, which cannot keep them.
   */
  @IsOptional()
  @Transform(toBool)
  DATABASE_NAMED_STATEMENTS?: boolean;

  /** A replica further behind the primary than this serves nothing (reads go to the primary). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600000)
  DATABASE_READ_MAX_LAG_MS?: number;

  /**
   * The read replica is the primary's synchronous standby with synchronous_commit =
   * remote_apply: every commit is on it when the writer hears of it, so its users read it
   * right after their own writes (the lag limit and health checks still apply).
   */
  @IsOptional()
  @Transform(toBool)
  DATABASE_READ_SYNCHRONOUS?: boolean;

  /**
   * The primary without the pooler (PgBouncer in transaction mode cannot hold a LISTEN or a
   * session): the outbox's LISTEN and the migrations use it. Unset: DATABASE_URL.
   */
  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_DIRECT_URL?: string;

  @IsOptional()
  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60000)
  REDIS_COMMAND_TIMEOUT_MS?: number;

  /**
   * Redis Cluster seed nodes, `host:port,host:port,...`: when set, BullMQ and the shared
   * connection use an ioredis Cluster (REDIS_URL is then not used).
   */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}(,[A-Za-z0-9.\-[\]:]+:\d{1,5})*$/, {
    message: 'must be host:port[,host:port...]',
  })
  REDIS_CLUSTER_NODES?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_PORT?: number;

  // The secret's own rules (length in bytes, known values) are checked in jwt-secret.ts, whose
  // messages never repeat the value.
  @IsOptional()
  @IsString()
  JWT_SECRET?: string;

  /** A file holding the secret (docker-compose generates one on first start). */
  @IsOptional()
  @IsString()
  JWT_SECRET_FILE?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{1,100}$/, { message: 'must be 1-100 printable ASCII characters' })
  JWT_ISSUER?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{1,100}$/, { message: 'must be 1-100 printable ASCII characters' })
  JWT_AUDIENCE?: string;

  // Access tokens are short (at most 15 min); the refresh token (a cookie) renews them.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(900)
  ACCESS_TOKEN_TTL_SECONDS?: number;

  // How long a login lasts at most, however often it is refreshed.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  REFRESH_TOKEN_TTL_HOURS?: number;

  @IsOptional()
  @Transform(toBool)
  COOKIE_SECURE?: boolean;

  // How long an API process may trust its last read of an account (active, role, token
  // version): the bound on how late a revocation is seen in another process.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  ACCOUNT_CHECK_TTL_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(8)
  @Max(64)
  PASSWORD_MIN_LENGTH?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  STREAM_MAX_PER_USER?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(120)
  AUDIT_RETENTION_MONTHS?: number;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(10485760)
  BODY_LIMIT_BYTES?: number;

  @IsOptional()
  @IsString()
  PUBLIC_BASE_URL?: string;

  // Printed forms (issue 4): the province with its level ("tỉnh Ninh Bình") and the agency.
  @IsOptional()
  @IsString()
  @Matches(/^(tỉnh|thành phố) \S.{0,80}$/iu, {
    message: 'must be "tỉnh <name>" or "thành phố <name>"',
  })
  PROVINCE_NAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(2)
  ORGANIZATION_NAME?: string;

  @IsOptional()
  @Transform(toBool)
  DEADLINE_DAY_ZERO?: boolean;

  @IsOptional()
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:mm' })
  DEADLINE_CUTOFF?: string;

  @IsOptional()
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:mm' })
  OFFICE_HOURS_START?: string;

  @IsOptional()
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:mm' })
  OFFICE_HOURS_END?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(5)
  MAX_SUPPLEMENT_REQUESTS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(5)
  MAX_APOLOGIES?: number;

  @IsOptional()
  @Transform(toBool)
  PAYMENT_PAUSES_CLOCK?: boolean;

  // Spec §3.4: a supplement is asked for within 3 working days of reception (unconfirmed).
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  SUPPLEMENT_REQUEST_WINDOW_WORKING_DAYS?: number;

  // How far an apology may move the appointment, in working days after the date in force.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  APOLOGY_MAX_EXTENSION_WORKING_DAYS?: number;

  // Lunch break, excluded from limits in hours; both or neither (none by default).
  @IsOptional()
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:mm' })
  LUNCH_BREAK_START?: string;

  @IsOptional()
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:mm' })
  LUNCH_BREAK_END?: string;

  /** Working days an applicant has to bring a supplement or pay before the dossier may be stopped. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(250)
  ABANDONMENT_WORKING_DAYS?: number;

  /** Who signs an apology as the agency's head (default director) … */
  @IsOptional()
  @Matches(/^(none|((head|director)(,(head|director))*))?$/, {
    message: 'must be a comma-separated list of head, director (or none)',
  })
  APOLOGY_SIGNER_ROLES?: string;

  /** … and who may sign it as a recorded delegate (default head). */
  @IsOptional()
  @Matches(/^(none|((head|director)(,(head|director))*))?$/, {
    message: 'must be a comma-separated list of head, director (or none)',
  })
  APOLOGY_DELEGATE_ROLES?: string;

  // Closing periods (chốt số liệu): how long after a period's end, and how far back the
  // nightly job looks for periods not closed yet.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  KPI_CLOSE_AFTER_MINUTES?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3 * 366)
  KPI_CLOSE_LOOKBACK_DAYS?: number;

  // K1 compares the adjusted end with the appointment by local day (spec §4, unconfirmed).
  @IsOptional()
  @IsIn(['day', 'instant'])
  K1_GRANULARITY?: 'day' | 'instant';

  // Citizen satisfaction rating (K8): the scale is "unconfirmed" in the spec. 0–10 is the
  // widest the satisfaction_ratings CHECK accepts; loadConfig checks the three together.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(9)
  RATING_SCALE_MIN?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  RATING_SCALE_MAX?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(9)
  RATING_NEGATIVE_AT_MOST?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  PUBLIC_LOOKUP_RATE_LIMIT?: number;

  // The HTTP edge (issue 9): who may set X-Forwarded-For, lockouts, where the API listens.
  /** Comma-separated addresses or CIDRs of the reverse proxies; none by default. */
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Fa-f:./, ]{0,2000}$/, {
    message: 'must be a comma-separated list of IP addresses or CIDRs',
  })
  TRUSTED_PROXIES?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z:.-]{1,100}$/, { message: 'must be an IP address or host name' })
  HOST?: string;

  /** Serve Swagger UI and the OpenAPI document in production too (off by default there). */
  @IsOptional()
  @Transform(toBool)
  API_DOCS_IN_PRODUCTION?: boolean;

  /**
   * Check at start that Redis has maxmemory-policy noeviction and appendonly yes (production
   * refuses to start otherwise); false only where CONFIG is refused and it was checked by hand.
   */
  @IsOptional()
  @Transform(toBool)
  REDIS_CHECK_SETTINGS?: boolean;

  /**
   * Bearer token Prometheus sends for GET /metrics (API and worker): required there in
   * production; the API also takes an admin's access token. Never logged.
   */
  // Empty means unset (docker-compose passes `${METRICS_TOKEN:-}` through).
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  @Matches(/^[\x21-\x7e]+$/, { message: 'must be printable ASCII without spaces' })
  METRICS_TOKEN?: string;

  /** When set, the API serves /metrics and the API docs on this port alone (not on PORT). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  METRICS_PORT?: number;

  /** Address of METRICS_PORT's listener (a private interface; 127.0.0.1 by default). */
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z:.-]{1,100}$/, { message: 'must be an IP address or host name' })
  METRICS_HOST?: string;

  /** Wrong code/phone pairs for one code before it is locked. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  PUBLIC_LOOKUP_MAX_FAILURES?: number;

  /** The first lock of a code or an account; each further one doubles, up to a day. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOCKOUT_MINUTES?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES_PER_ACCOUNT?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_MAX_FAILURES_PER_ADDRESS?: number;

  /** Entries the in-process store keeps when Redis is unreachable (least recently used go). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(1000000)
  THROTTLE_FALLBACK_MAX_ENTRIES?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86400)
  IDEMPOTENCY_TTL_HOURS?: number;

  // Nightly housekeeping (maintenance.housekeeping): retention of relayed outbox rows and of the
  // consumers' de-duplication records, and the size and number of delete batches per night.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  OUTBOX_RETENTION_DAYS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  CONSUMED_EVENTS_RETENTION_DAYS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(100000)
  HOUSEKEEPING_BATCH_SIZE?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  HOUSEKEEPING_MAX_BATCHES?: number;

  // The every-minute deadline sweep: applications per batch, each batch its own short
  // transaction (issue 14), so the sweep never holds one transaction over every candidate.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(10000)
  SWEEP_BATCH_SIZE?: number;

  // How deadline reminders reach officers: `sweep` (the every-minute sweep raises each reminder
  // whose time has come; nothing per application in Redis) or `jobs` (three delayed BullMQ jobs
  // per due date, exact to the second, with the sweep as their repair).
  @IsOptional()
  @IsIn(['sweep', 'jobs'])
  DEADLINE_REMINDERS?: 'sweep' | 'jobs';

  // Single-use tickets that open the dashboard's event stream (EventSource sends no header).
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(300)
  STREAM_TICKET_TTL_SECONDS?: number;

  // Worker queues (issue 3). The prefix namespaces every BullMQ key: one per deployment
  // (and one per test file, so parallel tests never share a queue).
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_{}-]{1,64}$/, { message: 'must be 1-64 letters, digits, _ - { }' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600000)
  OUTBOX_POLL_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  OUTBOX_BATCH_SIZE?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  WORKER_CONCURRENCY?: number;

  // The KPI roll-up queue applies the events of all its active jobs in one transaction, so
  // its concurrency is the batch it can gather: much larger than the other queues'.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  KPI_WORKER_CONCURRENCY?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  EVENT_BATCH_SIZE?: number;

  // BullMQ lock and stalled-job check (ms). A job whose worker died (SIGKILL) is retried once
  // its lock has expired and a stalled check has seen it; the drills use short values.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600000)
  WORKER_LOCK_DURATION_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(500)
  @Max(600000)
  WORKER_STALLED_INTERVAL_MS?: number;

  // Test-only: the KPI processor waits this long around each event, so that a drill can kill a
  // worker in the middle of a batch. Leave at 0 anywhere else.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  KPI_CONSUMER_DELAY_MS?: number;

  @IsOptional()
  @Transform(toBool)
  WORKER_SCHEDULES?: boolean;

  // Escalations and notifications (issue 3).
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  ESCALATION_OVERDUE_WORKING_DAYS?: number;

  @IsOptional()
  @IsString()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an e-mail address' })
  SUPERVISING_OFFICE_EMAIL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  APOLOGY_DEFAULT_WORKING_DAYS?: number;

  @IsOptional()
  @IsString()
  @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(3)
  MAIL_FROM?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  EMAIL_DAILY_CAP?: number;

  // Traces (OpenTelemetry): off unless an exporter is named.
  @IsOptional()
  @IsIn(['none', 'otlp', 'console'])
  TRACING_EXPORTER?: 'none' | 'otlp' | 'console';

  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/[^/\s]+(\/\S*)?$/, { message: 'must be an http:// or https:// URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @Max(1)
  TRACING_SAMPLE_RATIO?: number;

  // Uploaded documents (issue 12): where their bytes live and what is accepted.
  @IsOptional()
  @IsIn(['local', 's3'])
  STORAGE_DRIVER?: 'local' | 's3';

  @IsOptional()
  @IsString()
  @MinLength(1)
  STORAGE_LOCAL_DIR?: string;

  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/[^/\s]+\/?$/, { message: 'must be an http:// or https:// URL' })
  S3_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be a valid S3 bucket name' })
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  S3_REGION?: string;

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  @IsOptional()
  @Transform(toBool)
  S3_FORCE_PATH_STYLE?: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  UPLOAD_MAX_BYTES?: number;

  // Comma-separated subset of pdf,jpeg,png.
  @IsOptional()
  @IsString()
  @Matches(/^(pdf|jpeg|png)(,(pdf|jpeg|png))*$/, { message: 'must list pdf, jpeg, png' })
  UPLOAD_ALLOWED_TYPES?: string;

  // Online submission: the desk checks a submitted application within this many working days
  // (domain spec §7, unconfirmed: default 1).
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  ONLINE_CHECK_WORKING_DAYS?: number;

  /** DVCQG (national portal) sync: its base URL; unset = nothing is sent (records wait). */
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\//, { message: 'must be an http:// or https:// URL' })
  DVCQG_BASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DVCQG_TOKEN?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120000)
  DVCQG_TIMEOUT_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DVCQG_CONCURRENCY?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  DVCQG_RECONCILE_MAX_DAYS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000000)
  DVCQG_RECONCILE_LIMIT?: number;

  // Postal channel: a hand-over record (biên bản giao nhận) older than this many days is not
  // taken as a dossier's reception time without explanation (Decision 45/2016/QĐ-TTg).
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  POSTAL_HANDOVER_MAX_AGE_DAYS?: number;

  /** The postal carrier's partner API; unset = consignments are not announced (state pending). */
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\//, { message: 'must be an http:// or https:// URL' })
  CARRIER_BASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  CARRIER_TOKEN?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120000)
  CARRIER_TIMEOUT_MS?: number;

  /** The Department's customer code at the post office. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, _ or -' })
  CARRIER_CUSTOMER_CODE?: string;
}
