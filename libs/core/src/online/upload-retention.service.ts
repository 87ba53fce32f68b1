import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFileRepository } from '@app/database';
import { FileStore } from '@app/storage';
import { Clock } from '../clock/clock';

/** Uploads abandoned (never attached to a submission) are kept this long, then removed. */
export const ABANDONED_UPLOAD_HOURS = 24;
const PURGE_BATCH = 1000;

/** Keeps application_files and the store bounded: abandoned uploads go, with unused bytes. */
@Injectable()
export class UploadRetentionService {
  constructor(
    @Inject(ApplicationFileRepository) private readonly files: ApplicationFileRepository,
    @Inject(FileStore) private readonly store: FileStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async purgeAbandoned(): Promise<{ abandonedContents: number }> {
    const before = new Date(this.clock.now().getTime() - ABANDONED_UPLOAD_HOURS * 3600_000);
    const orphans = await this.files.purgeUnattached(before, PURGE_BATCH);
    for (const sha256 of orphans) {
      await this.store.delete(sha256);
    }
    return { abandonedContents: orphans.length };
  }
}
