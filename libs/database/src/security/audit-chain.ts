/** The hash that precedes the first row ever appended. */
export const GENESIS_HASH = Buffer.alloc(32);

export interface ChainRow {
  id: string;
  event: string;
  details: Record<string, unknown>;
  prevHash: Buffer;
  hash: Buffer;
  /** The hash PostgreSQL computes from the row's content now (security_audit_row_hash). */
  computed: Buffer;
}

export type ChainVerdict =
  | { ok: true; rows: number; lastId: string; lastHash: string }
  | { ok: false; rowId: string; reason: string };

/**
 * Checks a run of rows against the chain: each row's content must match its hash, each row
 * must point at the hash of the row before it, ids follow without gaps (they are given out
 * under the head's lock, one by one). `expected` carries the previous batch's last row.
 */
export function checkChainRun(
  rows: ChainRow[],
  expected: { id: bigint; hash: Buffer } | null,
  anchors: Map<string, string>,
): { verdict: ChainVerdict | null; last: { id: bigint; hash: Buffer } | null } {
  let last = expected;
  for (const row of rows) {
    const id = BigInt(row.id);
    if (!row.computed.equals(row.hash)) {
      return {
        verdict: {
          ok: false,
          rowId: row.id,
          reason: 'its content does not match its hash (edited)',
        },
        last,
      };
    }
    if (last === null) {
      const startsChain = id === 1n && row.prevHash.equals(GENESIS_HASH);
      const anchored = anchors.get(String(id - 1n)) === row.prevHash.toString('hex');
      if (!startsChain && !anchored) {
        return {
          verdict: {
            ok: false,
            rowId: row.id,
            reason:
              'it is the first row but neither starts the chain nor follows a recorded purge (rows before it were deleted)',
          },
          last,
        };
      }
    } else if (id !== last.id + 1n) {
      return {
        verdict: { ok: false, rowId: row.id, reason: `row ${last.id + 1n} is missing (deleted)` },
        last,
      };
    } else if (!row.prevHash.equals(last.hash)) {
      return {
        verdict: {
          ok: false,
          rowId: row.id,
          reason: `it does not follow row ${last.id} (previous hash differs)`,
        },
        last,
      };
    }
    last = { id, hash: row.hash };
  }
  return { verdict: null, last };
}
