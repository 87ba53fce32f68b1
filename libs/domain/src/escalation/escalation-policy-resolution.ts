/** What an escalation policy decides; the config holds a default for each. */
export interface EscalationPolicy {
  /** Level 4 is raised when an application is overdue by this many working days. */
  overdueWorkingDays: number;
  /** The supervising office told at level 4 (e-mail only); null = nobody outside. */
  supervisingOfficeEmail: string | null;
  /** Working days for the new due date an apology draft suggests. */
  apologyWorkingDays: number;
}

export type EscalationPolicyField = keyof EscalationPolicy;

/**
 * Accepted ranges, the same as the configuration's (ESCALATION_OVERDUE_WORKING_DAYS,
 * APOLOGY_DEFAULT_WORKING_DAYS), so an override can never hold a value the default could not.
 */
export const ESCALATION_POLICY_LIMITS = {
  overdueWorkingDays: { min: 1, max: 60 },
  apologyWorkingDays: { min: 1, max: 365 },
} as const;

/** One row of overrides; a null scope matches everything, a null value inherits. */
export interface EscalationOverride {
  id: string;
  departmentId: string | null;
  procedureCode: string | null;
  overdueWorkingDays: number | null;
  supervisingOfficeEmail: string | null;
  apologyWorkingDays: number | null;
}

/**
 * Where an effective value came from, most specific first. `procedure_time_limit` is for the
 * apology only: the procedure's own time limit, when it is in working days.
 */
export const ESCALATION_POLICY_SOURCES = [
  'department_procedure',
  'procedure',
  'department',
  'global',
  'procedure_time_limit',
  'config',
] as const;

export type EscalationPolicySource = (typeof ESCALATION_POLICY_SOURCES)[number];

export interface ResolvedPolicyValue<T> {
  value: T;
  source: EscalationPolicySource;
  /** The override row the value was taken from; null for the time limit and the config. */
  overrideId: string | null;
}

export type EffectiveEscalationPolicy = {
  [K in EscalationPolicyField]: ResolvedPolicyValue<EscalationPolicy[K]>;
};

export interface EscalationPolicyQuery {
  departmentId: string | null;
  procedureCode: string | null;
  /** The time limit of the procedure version the application was received under. */
  procedureTimeLimit: { value: number; unit: string } | null;
  overrides: readonly EscalationOverride[];
  defaults: EscalationPolicy;
}

function scopeOf(
  row: EscalationOverride,
): Exclude<EscalationPolicySource, 'procedure_time_limit' | 'config'> {
  if (row.departmentId !== null && row.procedureCode !== null) {
    return 'department_procedure';
  }
  if (row.procedureCode !== null) {
    return 'procedure';
  }
  return row.departmentId !== null ? 'department' : 'global';
}

const SPECIFICITY: Record<ReturnType<typeof scopeOf>, number> = {
  department_procedure: 0,
  procedure: 1,
  department: 2,
  global: 3,
};

/**
 * The policy for one (department, procedure): each field independently takes the most specific
 * override that sets it, else the default. The worker and the admin API both call this, so
 * what the API shows is what the worker applies. Rows outside the scope are ignored, so callers
 * may pass a superset.
 */
export function resolveEscalationPolicy(query: EscalationPolicyQuery): EffectiveEscalationPolicy {
  const applicable = query.overrides
    .filter(
      (row) =>
        (row.departmentId === null || row.departmentId === query.departmentId) &&
        (row.procedureCode === null || row.procedureCode === query.procedureCode),
    )
    .sort((a, b) => SPECIFICITY[scopeOf(a)] - SPECIFICITY[scopeOf(b)]);

  const fromOverrides = <K extends EscalationPolicyField>(
    field: K,
  ): ResolvedPolicyValue<EscalationPolicy[K]> | null => {
    const row = applicable.find((r) => r[field] !== null);
    return row
      ? { value: row[field] as EscalationPolicy[K], source: scopeOf(row), overrideId: row.id }
      : null;
  };
  const fromConfig = <K extends EscalationPolicyField>(
    field: K,
  ): ResolvedPolicyValue<EscalationPolicy[K]> => ({
    value: query.defaults[field],
    source: 'config',
    overrideId: null,
  });

  // A procedure published in working days already says how long the work takes: an apology
  // suggests that much again, unless someone set the apology period explicitly.
  const limit = query.procedureTimeLimit;
  const fromTimeLimit: ResolvedPolicyValue<number> | null =
    limit && limit.unit === 'working_days' && limit.value > 0
      ? { value: limit.value, source: 'procedure_time_limit', overrideId: null }
      : null;

  return {
    overdueWorkingDays: fromOverrides('overdueWorkingDays') ?? fromConfig('overdueWorkingDays'),
    supervisingOfficeEmail:
      fromOverrides('supervisingOfficeEmail') ?? fromConfig('supervisingOfficeEmail'),
    apologyWorkingDays:
      fromOverrides('apologyWorkingDays') ?? fromTimeLimit ?? fromConfig('apologyWorkingDays'),
  };
}
