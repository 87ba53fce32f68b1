import { createServer, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@app/config';

export const METRICS_PATH = '/metrics';
/** Swagger UI, its assets and the OpenAPI document (JSON and YAML) all start with this. */
export const API_DOCS_PREFIX = '/api/docs';

/** /metrics or the API docs: what METRICS_PORT serves, and what production protects. */
export function isOperationsPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === METRICS_PATH || path.startsWith(API_DOCS_PREFIX);
}

/**
 * The listener of METRICS_HOST:METRICS_PORT, when configured: /metrics and the API docs on an
 * address of their own (a private interface, a port the firewall keeps inside), and nowhere
 * else. It hands its requests to the API's own Fastify instance (the same routes, hooks and
 * registry); anything else answers 404 without reaching the API.
 */
@Injectable()
export class OperationsListener implements OnApplicationShutdown {
  private server: Server | null = null;
  private readonly sockets = new WeakSet<Socket>();

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get configured(): boolean {
    return this.config.operations.port !== null;
  }

  /** Whether this request came in through the operations listener. */
  carried(request: FastifyRequest): boolean {
    return this.sockets.has(request.raw.socket);
  }

  /** Starts listening (once the API's routes are ready); null when no METRICS_PORT is set. */
  async listen(): Promise<AddressInfo | null> {
    const { port, host } = this.config.operations;
    if (port === null) {
      return null;
    }
    if (this.server) {
      return this.server.address() as AddressInfo;
    }
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await fastify.ready();
    const server = createServer((req, res) => {
      if (!isOperationsPath(req.url ?? '')) {
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({
            statusCode: 404,
            code: 'NOT_FOUND',
            message: 'Only /metrics and the API docs are served on this address',
          }),
        );
        return;
      }
      fastify.server.emit('request', req, res);
    });
    server.on('connection', (socket) => this.sockets.add(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return server.address() as AddressInfo;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
