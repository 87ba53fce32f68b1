import { ApplicationStatus, Channel, PORTAL_CHANNEL_CODE, PORTAL_STATUS_CODE } from '../lifecycle';
import type { DvcqgChannelCode, DvcqgStatusCode } from './dvcqg-wire-format';

/**
 * Versioned code tables for DVCQG: local procedure code → national TTHC code, local state →
 * national status, channel → KenhThucHien. A message names the table it was mapped with
 * (PhienBanBangMa), so a dossier synced under an old table can be found and re-sent when a
 * table changes. Add a new version (never edit a published one) when the province's Quyết
 * định công bố TTHC renames codes; the newest version whose `validFrom` has come applies.
 */
export interface DvcqgCodeTable {
  version: string;
  /** Local date (Asia/Ho_Chi_Minh) from which this table applies. */
  validFrom: string;
  /** Local procedure codes whose national code differs. */
  procedureCodes: Readonly<Record<string, string>>;
  /** null: a local state with no national status (spec §2: incomplete at the desk). */
  statuses: Readonly<Record<ApplicationStatus, DvcqgStatusCode | null>>;
  channels: Readonly<Record<Channel, DvcqgChannelCode>>;
}

/**
 * National TTHC codes look like `1.001234` or `2.001914`: a local code already in that form is
 * its own national code (the catalog uses national codes where they are known); other local
 * codes must be in the table, or the dossier cannot be synced (it is dead-lettered, naming
 * the code, until the table is completed).
 */
export const NATIONAL_TTHC_CODE = /^\d{1,2}\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$/;

/** The catalog's placeholders (9.9000xx, "cần đối chiếu"): never sent as national codes. */
export const PLACEHOLDER_TTHC_CODE = /^9\.9\d{5}$/;

export const DVCQG_CODE_TABLES: readonly DvcqgCodeTable[] = [
  {
    version: '2025.1',
    validFrom: '2025-07-01',
    procedureCodes: {},
    statuses: PORTAL_STATUS_CODE as Record<ApplicationStatus, DvcqgStatusCode | null>,
    channels: PORTAL_CHANNEL_CODE as Record<Channel, DvcqgChannelCode>,
  },
];

/** The table in force on a local date (the oldest one before any table starts). */
export function codeTableOn(
  localDate: string,
  tables: readonly DvcqgCodeTable[] = DVCQG_CODE_TABLES,
): DvcqgCodeTable {
  const sorted = [...tables].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  return sorted.filter((t) => t.validFrom <= localDate).at(-1) ?? sorted[0];
}

export class UnmappedProcedureCode extends Error {
  constructor(
    readonly localCode: string,
    readonly tableVersion: string,
  ) {
    super(`procedure code ${localCode} has no national TTHC code in code table ${tableVersion}`);
  }
}

export function nationalProcedureCode(localCode: string, table: DvcqgCodeTable): string {
  const mapped = table.procedureCodes[localCode];
  if (mapped) {
    return mapped;
  }
  if (NATIONAL_TTHC_CODE.test(localCode) && !PLACEHOLDER_TTHC_CODE.test(localCode)) {
    return localCode;
  }
  throw new UnmappedProcedureCode(localCode, table.version);
}
