import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ReadReplica } from '@app/database';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, Observable } from 'rxjs';
import type { AuthUser } from '../auth/auth-user';
import { REPLICA_READS } from './replica-reads.decorator';
import { CLOCK_SKEW_MS, RecentWrites } from './recent-writes';

const READS = new Set(['GET', 'HEAD']);

/**
 * Routes marked @ReplicaReads() read the replica, unless the replica has not yet replayed the
 * user's last write (then the primary: read-your-writes). Every other request by a signed-in
 * user records the time it finished as that user's last write (not needed, so not done, when
 * the replica is synchronous: DATABASE_READ_SYNCHRONOUS). Without DATABASE_READ_URL it does
 * nothing at all.
 */
@Injectable()
export class ReplicaReadsInterceptor implements NestInterceptor {
  private readonly synchronous: boolean;

  constructor(
    @Inject(ReadReplica) private readonly replica: ReadReplica,
    @Inject(RecentWrites) private readonly writes: RecentWrites,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.synchronous = config.database.readSynchronous;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.replica.configured || context.getType() !== 'http') {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const user = request.user;
    if (!READS.has(request.method)) {
      if (!user || this.synchronous) {
        return next.handle();
      }
      // Recorded before the answer goes out: the user's next request already knows of it.
      return next.handle().pipe(
        mergeMap(async (body: unknown) => {
          await this.writes.mark(user.id, Date.now());
          return body;
        }),
      );
    }
    const marked = this.reflector.getAllAndOverride<boolean>(REPLICA_READS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!marked) {
      return next.handle();
    }
    return from(this.mayReadReplica(user)).pipe(
      mergeMap((replica) =>
        replica
          ? // The handler runs inside the context, so its reads see it (AsyncLocalStorage).
            new Observable((subscriber) =>
              this.replica.onReplica(() => next.handle().subscribe(subscriber)),
            )
          : next.handle(),
      ),
    );
  }

  private async mayReadReplica(user: AuthUser | undefined): Promise<boolean> {
    const covered = this.replica.coveredUntil();
    if (covered === 0) {
      return false;
    }
    if (this.synchronous) {
      // Every commit is applied on the replica before the writer hears of it.
      return true;
    }
    const lastWrite = user ? await this.writes.lastWrite(user.id) : 0;
    return lastWrite + CLOCK_SKEW_MS < covered;
  }
}
