import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The last local day a nightly job has completed (maintenance_watermarks). */
@Injectable()
export class MaintenanceWatermarkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async doneThrough(job: string): Promise<string | null> {
    const rows: Array<{ day: string }> = await this.dataSource.query(
      `SELECT to_char(done_through, 'YYYY-MM-DD') AS day FROM maintenance_watermarks WHERE job = $1`,
      [job],
    );
    return rows[0]?.day ?? null;
  }

  /** Moves the watermark forward only: a late retry of an older night never moves it back. */
  async markDone(job: string, day: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO maintenance_watermarks (job, done_through) VALUES ($1, $2::date)
       ON CONFLICT (job) DO UPDATE SET done_through = greatest(maintenance_watermarks.done_through, EXCLUDED.done_through),
         updated_at = now()`,
      [job, day],
    );
  }
}
