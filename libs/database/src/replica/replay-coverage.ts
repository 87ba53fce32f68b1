/**
 * What a replica has of the primary, in time: the primary's WAL position is sampled with the
 * time just before each sample (`sampled`); once the replica has replayed a sampled position
 * (`replayed`), every transaction committed before that sample's time is on the replica, and
 * that time is the replica's coverage.
 */
export class ReplayCoverage {
  /** Samples not yet replayed, oldest first. */
  private pending: Array<{ at: number; lsn: bigint }> = [];
  private covered = 0;

  /** Epoch ms: everything committed before it is on the replica (0: nothing known yet). */
  get coversUntil(): number {
    return this.covered;
  }

  sampled(at: number, lsn: bigint): void {
    this.pending.push({ at, lsn });
  }

  replayed(lsn: bigint): void {
    while (this.pending.length > 0 && this.pending[0].lsn <= lsn) {
      this.covered = Math.max(this.covered, this.pending.shift()!.at);
    }
  }

  /** Forgets samples older than `horizon` (they no longer decide anything); bounds the memory. */
  forgetBefore(horizon: number): void {
    this.pending = this.pending.filter((p) => p.at >= horizon);
  }

  /** Samples waiting for the replica. */
  get waiting(): number {
    return this.pending.length;
  }
}
