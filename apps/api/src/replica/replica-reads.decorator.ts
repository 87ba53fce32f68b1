import { SetMetadata } from '@nestjs/common';

export const REPLICA_READS = 'motcua:replica-reads';

/**
 * The GET routes of this controller (or this handler) may read the read replica
 * (DATABASE_READ_URL): metrics, reports, lists, the dashboard. Their user still reads the
 * primary until the replica has replayed that user's last write (ReplicaReadsInterceptor).
 */
export const ReplicaReads = () => SetMetadata(REPLICA_READS, true);
