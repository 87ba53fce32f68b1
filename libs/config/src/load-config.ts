import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppConfig, ClockTime, SignerRole } from './app-config';
import { EnvDto } from './env.dto';
import { resolveJwtSecret } from './jwt-secret';
import { parseTrustedProxies } from './trusted-proxies';
import { loadSigningConfig } from './signing-config';

/** A comma-separated list of signer roles; '' (or 'none') is no role at all. */
function signerRoles(value: string | undefined, fallback: string): SignerRole[] {
  return (value ?? fallback)
    .split(',')
    .map((r) => r.trim())
    .filter((r): r is SignerRole => r === 'head' || r === 'director');
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

function clock(value: string | undefined, fallback: string): ClockTime {
  const [hour, minute] = (value ?? fallback).split(':').map(Number);
  return { hour, minute };
}

const SECRET_VARIABLES = new Set([
  'JWT_SECRET',
  'DATABASE_URL',
  'DATABASE_READ_URL',
  'DATABASE_DIRECT_URL',
  'REDIS_URL',
  'SMTP_URL',
  'DVCQG_TOKEN',
  'CARRIER_TOKEN',
  'S3_SECRET_ACCESS_KEY',
  'METRICS_TOKEN',
]);

/** A scale needs two scores at least, and K8 means nothing if every score is negative. */
function ratingScaleProblems(scale: { min: number; max: number; negativeAtMost: number }) {
  const problems: string[] = [];
  if (scale.min >= scale.max) {
    problems.push(`RATING_SCALE_MIN=${scale.min}: must be below RATING_SCALE_MAX (${scale.max})`);
  }
  if (scale.negativeAtMost < scale.min || scale.negativeAtMost >= scale.max) {
    problems.push(
      `RATING_NEGATIVE_AT_MOST=${scale.negativeAtMost}: must be from RATING_SCALE_MIN (${scale.min}) to below RATING_SCALE_MAX (${scale.max})`,
    );
  }
  return problems;
}

/** The break lies inside office hours, and is given whole or not at all. */
function lunchBreakProblems(dto: EnvDto): string[] {
  const { LUNCH_BREAK_START: start, LUNCH_BREAK_END: end } = dto;
  if (!start && !end) {
    return [];
  }
  if (!start || !end) {
    return [
      `LUNCH_BREAK_${start ? 'END' : 'START'}: must be set with LUNCH_BREAK_${start ? 'START' : 'END'}`,
    ];
  }
  // HH:mm strings compare in time order.
  const officeStart = dto.OFFICE_HOURS_START ?? '07:30';
  const officeEnd = dto.OFFICE_HOURS_END ?? '17:00';
  if (!(officeStart <= start && start < end && end <= officeEnd)) {
    return [
      `LUNCH_BREAK_START=${JSON.stringify(start)}, LUNCH_BREAK_END=${JSON.stringify(end)}: must be a range inside office hours (${officeStart}–${officeEnd})`,
    ];
  }
  return [];
}

/** `host:port,host:port` (validated by EnvDto); an IPv6 host may be bracketed. */
function parseClusterNodes(
  value: string | undefined,
): Array<{ host: string; port: number }> | null {
  if (!value) {
    return null;
  }
  return value.split(',').map((node) => {
    const at = node.lastIndexOf(':');
    return { host: node.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(node.slice(at + 1)) };
  });
}

/** Validates the environment and builds the typed config; throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const dto = plainToInstance(EnvDto, env, { enableImplicitConversion: false });
  const errors = validateSync(dto, { skipMissingProperties: false });
  const problems = errors.map(
    (e) =>
      // A secret's value never goes into the message (it would end up in a log).
      `${e.property}=${SECRET_VARIABLES.has(e.property) ? '[hidden]' : JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  const nodeEnv = (dto.NODE_ENV ?? 'development') as AppConfig['env'];
  const jwt = resolveJwtSecret(dto, nodeEnv);
  problems.push(...jwt.problems);
  const trustedProxies = parseTrustedProxies(dto.TRUSTED_PROXIES);
  problems.push(...trustedProxies.problems);
  const ratingScale = {
    min: dto.RATING_SCALE_MIN ?? 1,
    max: dto.RATING_SCALE_MAX ?? 5,
    negativeAtMost: dto.RATING_NEGATIVE_AT_MOST ?? 2,
  };
  if (errors.length === 0) {
    problems.push(...ratingScaleProblems(ratingScale));
    problems.push(...lunchBreakProblems(dto));
  }
  const signing = loadSigningConfig(env);
  problems.push(...signing.problems);
  if (dto.STORAGE_DRIVER === 's3' && !dto.S3_BUCKET) {
    problems.push('S3_BUCKET=undefined: required when STORAGE_DRIVER=s3');
  }
  if (problems.length > 0) {
    throw new ConfigValidationError(problems);
  }
  return {
    env: nodeEnv,
    database: {
      url: dto.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua',
      readUrl: dto.DATABASE_READ_URL ?? null,
      readMaxLagMs: dto.DATABASE_READ_MAX_LAG_MS ?? 10_000,
      readSynchronous: dto.DATABASE_READ_SYNCHRONOUS ?? false,
      directUrl:
        dto.DATABASE_DIRECT_URL ?? dto.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua',
      namedStatements: dto.DATABASE_NAMED_STATEMENTS ?? true,
      poolSize: dto.DATABASE_POOL_SIZE ?? 20,
      intakeGroupCommit: {
        maxBatch: dto.INTAKE_GROUP_MAX_BATCH ?? 50,
        maxInFlight: dto.INTAKE_GROUP_IN_FLIGHT ?? 2,
      },
      connectionTimeoutMs: dto.DATABASE_CONNECTION_TIMEOUT_MS ?? 5000,
      statementTimeoutMs: dto.DATABASE_STATEMENT_TIMEOUT_MS ?? 60000,
    },
    redis: {
      url: dto.REDIS_URL ?? 'redis://127.0.0.1:6379',
      commandTimeoutMs: dto.REDIS_COMMAND_TIMEOUT_MS ?? 2000,
      clusterNodes: parseClusterNodes(dto.REDIS_CLUSTER_NODES),
      checkSettings: dto.REDIS_CHECK_SETTINGS ?? true,
    },
    api: {
      port: dto.PORT ?? 3000,
      host: dto.HOST ?? '0.0.0.0',
      docsInProduction: dto.API_DOCS_IN_PRODUCTION ?? false,
      trustedProxies: trustedProxies.list,
      bodyLimitBytes: dto.BODY_LIMIT_BYTES ?? 1024 * 1024,
      publicBaseUrl: dto.PUBLIC_BASE_URL ?? 'http://localhost:3000',
      publicLookupRateLimitPerMinute: dto.PUBLIC_LOOKUP_RATE_LIMIT ?? 30,
      idempotencyTtlHours: dto.IDEMPOTENCY_TTL_HOURS ?? 24,
      streamTicketTtlSeconds: dto.STREAM_TICKET_TTL_SECONDS ?? 30,
    },
    worker: { port: dto.WORKER_PORT ?? 3001 },
    operations: {
      metricsToken: dto.METRICS_TOKEN ?? null,
      port: dto.METRICS_PORT ?? null,
      host: dto.METRICS_HOST ?? '127.0.0.1',
    },
    queues: {
      prefix: dto.QUEUE_PREFIX ?? 'motcua',
      outboxPollMs: dto.OUTBOX_POLL_MS ?? 5000,
      outboxBatchSize: dto.OUTBOX_BATCH_SIZE ?? 500,
      concurrency: dto.WORKER_CONCURRENCY ?? 16,
      kpiConcurrency: dto.KPI_WORKER_CONCURRENCY ?? 256,
      eventBatchSize: dto.EVENT_BATCH_SIZE ?? 500,
      lockDurationMs: dto.WORKER_LOCK_DURATION_MS ?? 30000,
      stalledIntervalMs: dto.WORKER_STALLED_INTERVAL_MS ?? 30000,
      kpiConsumerDelayMs: dto.KPI_CONSUMER_DELAY_MS ?? 0,
      schedules: dto.WORKER_SCHEDULES ?? true,
    },
    auth: {
      jwtSecret: jwt.secret,
      issuer: dto.JWT_ISSUER ?? 'motcua',
      audience: dto.JWT_AUDIENCE ?? 'motcua-api',
      accessTokenTtlSeconds: dto.ACCESS_TOKEN_TTL_SECONDS ?? 900,
      refreshTokenTtlHours: dto.REFRESH_TOKEN_TTL_HOURS ?? 12,
      cookieSecure: dto.COOKIE_SECURE ?? nodeEnv === 'production',
      accountCheckTtlMs: dto.ACCOUNT_CHECK_TTL_MS ?? 500,
      passwordMinLength: dto.PASSWORD_MIN_LENGTH ?? 12,
    },
    housekeeping: {
      outboxRetentionDays: dto.OUTBOX_RETENTION_DAYS ?? 30,
      consumedEventsRetentionDays: dto.CONSUMED_EVENTS_RETENTION_DAYS ?? 30,
      batchSize: dto.HOUSEKEEPING_BATCH_SIZE ?? 5000,
      maxBatches: dto.HOUSEKEEPING_MAX_BATCHES ?? 200,
    },
    sweep: {
      batchSize: dto.SWEEP_BATCH_SIZE ?? 500,
      reminders: dto.DEADLINE_REMINDERS ?? 'sweep',
    },
    security: {
      publicLookupMaxFailures: dto.PUBLIC_LOOKUP_MAX_FAILURES ?? 5,
      loginMaxFailuresPerAccount: dto.LOGIN_MAX_FAILURES_PER_ACCOUNT ?? 5,
      loginMaxFailuresPerAddress: dto.LOGIN_MAX_FAILURES_PER_ADDRESS ?? 20,
      lockoutSeconds: (dto.LOCKOUT_MINUTES ?? 15) * 60,
      throttleFallbackMaxEntries: dto.THROTTLE_FALLBACK_MAX_ENTRIES ?? 10000,
      streamMaxPerUser: dto.STREAM_MAX_PER_USER ?? 3,
      auditRetentionMonths: dto.AUDIT_RETENTION_MONTHS ?? 12,
    },
    escalations: {
      overdueWorkingDays: dto.ESCALATION_OVERDUE_WORKING_DAYS ?? 2,
      supervisingOfficeEmail: dto.SUPERVISING_OFFICE_EMAIL ?? null,
      apologyWorkingDays: dto.APOLOGY_DEFAULT_WORKING_DAYS ?? 5,
    },
    mail: {
      smtpUrl: dto.SMTP_URL ?? 'smtp://127.0.0.1:2525',
      from: dto.MAIL_FROM ?? 'Bộ phận Một cửa <motcua@localhost>',
      dailyCapPerRecipient: dto.EMAIL_DAILY_CAP ?? 20,
    },
    logLevel: dto.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    tracing: {
      exporter: dto.TRACING_EXPORTER ?? 'none',
      otlpEndpoint: (dto.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://127.0.0.1:4318').replace(
        /\/+$/,
        '',
      ),
      sampleRatio: dto.TRACING_SAMPLE_RATIO ?? 1,
    },
    organization: {
      // A placeholder province: every deployment sets its own PROVINCE_NAME.
      provinceName: dto.PROVINCE_NAME ?? 'tỉnh Ninh Bình',
      name: dto.ORGANIZATION_NAME ?? 'Sở Giáo dục và Đào tạo',
    },
    kpi: {
      closeAfterMinutes: dto.KPI_CLOSE_AFTER_MINUTES ?? 30,
      closeLookbackDays: dto.KPI_CLOSE_LOOKBACK_DAYS ?? 400,
    },
    storage: {
      driver: dto.STORAGE_DRIVER ?? 'local',
      localDir: dto.STORAGE_LOCAL_DIR ?? 'data/files',
      s3: {
        endpoint: dto.S3_ENDPOINT ?? null,
        bucket: dto.S3_BUCKET ?? '',
        region: dto.S3_REGION ?? 'us-east-1',
        accessKeyId: dto.S3_ACCESS_KEY_ID ?? null,
        secretAccessKey: dto.S3_SECRET_ACCESS_KEY ?? null,
        forcePathStyle: dto.S3_FORCE_PATH_STYLE ?? true,
      },
      maxBytes: dto.UPLOAD_MAX_BYTES ?? 10 * 1024 * 1024,
      allowedTypes: (dto.UPLOAD_ALLOWED_TYPES ?? 'pdf,jpeg,png').split(',') as Array<
        'pdf' | 'jpeg' | 'png'
      >,
    },
    signing: signing.config,
    postal: {
      handOverMaxAgeDays: dto.POSTAL_HANDOVER_MAX_AGE_DAYS ?? 7,
      carrier: {
        baseUrl: dto.CARRIER_BASE_URL?.replace(/\/+$/, '') ?? null,
        token: dto.CARRIER_TOKEN ?? null,
        timeoutMs: dto.CARRIER_TIMEOUT_MS ?? 10_000,
        customerCode: dto.CARRIER_CUSTOMER_CODE ?? 'SGDDT',
      },
    },
    national: {
      dvcqg: {
        baseUrl: dto.DVCQG_BASE_URL?.replace(/\/+$/, '') ?? null,
        token: dto.DVCQG_TOKEN ?? null,
        timeoutMs: dto.DVCQG_TIMEOUT_MS ?? 10_000,
        concurrency: dto.DVCQG_CONCURRENCY ?? 4,
        reconcileMaxDays: dto.DVCQG_RECONCILE_MAX_DAYS ?? 7,
        reconcileLimit: dto.DVCQG_RECONCILE_LIMIT ?? 20_000,
      },
    },
    rules: {
      deadlineDayZero: dto.DEADLINE_DAY_ZERO ?? true,
      deadlineCutoff: clock(dto.DEADLINE_CUTOFF, '15:00'),
      officeHoursStart: clock(dto.OFFICE_HOURS_START, '07:30'),
      officeHoursEnd: clock(dto.OFFICE_HOURS_END, '17:00'),
      maxSupplementRequests: dto.MAX_SUPPLEMENT_REQUESTS ?? 1,
      maxApologies: dto.MAX_APOLOGIES ?? 1,
      paymentPausesClock: dto.PAYMENT_PAUSES_CLOCK ?? false,
      supplementRequestWindowWorkingDays: dto.SUPPLEMENT_REQUEST_WINDOW_WORKING_DAYS ?? 3,
      apologyMaxExtensionWorkingDays: dto.APOLOGY_MAX_EXTENSION_WORKING_DAYS ?? 60,
      lunchBreak:
        dto.LUNCH_BREAK_START && dto.LUNCH_BREAK_END
          ? {
              start: clock(dto.LUNCH_BREAK_START, '12:00'),
              end: clock(dto.LUNCH_BREAK_END, '13:00'),
            }
          : null,
      abandonmentWorkingDays: dto.ABANDONMENT_WORKING_DAYS ?? 15,
      apologySigning: {
        headRoles: signerRoles(dto.APOLOGY_SIGNER_ROLES, 'director'),
        delegateRoles: signerRoles(dto.APOLOGY_DELEGATE_ROLES, 'head'),
      },
      k1Granularity: dto.K1_GRANULARITY ?? 'day',
      ratingScale,
      onlineCheckWorkingDays: dto.ONLINE_CHECK_WORKING_DAYS ?? 1,
    },
  };
}
