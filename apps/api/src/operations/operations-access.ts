import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError, Role } from '@app/domain';
import { carriesMetricsToken } from '@app/observability';
import { AccessTokens } from '../auth/access-tokens';
import { AccountStateCache } from '../auth/account-state.cache';
import { authenticateToken } from '../auth/jwt-auth.guard';
import { isOperationsPath, OperationsListener } from './operations-listener';

export interface Refusal {
  statusCode: number;
  code: string;
  message: string;
}

/**
 * Who may read /metrics and the API docs (Swagger UI, OpenAPI JSON/YAML):
 * - METRICS_PORT set: only through that listener (the API's own port answers 404);
 * - otherwise, with METRICS_TOKEN set, that bearer token or an admin's access token, in every
 *   environment; without it, anyone outside production and admins alone in production.
 * The docs exist in production only with API_DOCS_IN_PRODUCTION (configureApiApp).
 */
@Injectable()
export class OperationsAccess {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OperationsListener) private readonly listener: OperationsListener,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(AccountStateCache) private readonly accounts: AccountStateCache,
  ) {}

  /** Guards every existing operations route of this Fastify instance (404s stay 404s). */
  install(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.routeOptions.url === undefined || !isOperationsPath(request.url)) {
        return;
      }
      const refusal = await this.refusal(request);
      if (refusal) {
        return reply.code(refusal.statusCode).send(refusal);
      }
    });
  }

  async refusal(request: FastifyRequest): Promise<Refusal | null> {
    if (this.listener.configured) {
      return this.listener.carried(request)
        ? null
        : {
            statusCode: 404,
            code: 'NOT_FOUND',
            message: 'Served on the operations address (METRICS_HOST:METRICS_PORT) only',
          };
    }
    const { metricsToken } = this.config.operations;
    const header = request.headers.authorization;
    if (carriesMetricsToken(header, metricsToken)) {
      return null;
    }
    if (metricsToken === null && this.config.env !== 'production') {
      return null;
    }
    const role = await this.roleOf(header);
    if (role === Role.Admin) {
      return null;
    }
    return role
      ? { statusCode: 403, code: 'FORBIDDEN', message: 'Admins only' }
      : {
          statusCode: 401,
          code: 'UNAUTHENTICATED',
          message: 'Send Authorization: Bearer <METRICS_TOKEN> or an admin access token',
        };
  }

  private async roleOf(header: string | undefined): Promise<Role | null> {
    if (!header?.startsWith('Bearer ')) {
      return null;
    }
    try {
      const token = header.slice('Bearer '.length);
      return (await authenticateToken(this.tokens, this.accounts, token)).role;
    } catch (error) {
      if (error instanceof DomainError) {
        return null;
      }
      throw error;
    }
  }
}
