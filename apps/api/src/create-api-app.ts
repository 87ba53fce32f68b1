import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ApiModule } from './api.module';
import { DomainErrorFilter } from './http/domain-error.filter';
import { useApiBodyParsers } from './http/json-body.parser';
import { rejectUnsafeText } from './http/unsafe-text.hook';
import { StrictValidationPipe } from './http/validation.pipe';
import { memoizeValidationMetadata } from './http/validation-metadata-cache';
import { setupApiDocs } from './openapi/api-document';
import { addSecurityHeaders } from './http/security-headers';
import { registerUploadBodies } from './online/upload-body';

export const API_PREFIX = 'api/v1';

/** The HTTP adapter every API instance runs on (main.ts, tests, benchmarks). */
export function createApiAdapter(config: AppConfig): FastifyAdapter {
  // X-Forwarded-For is believed only from the configured proxies (none by default): a client
  // naming its own address would otherwise get a fresh rate limit with every request.
  const trusted = config.api.trustedProxies;
  return new FastifyAdapter({
    bodyLimit: config.api.bodyLimitBytes,
    trustProxy: trusted.length > 0 ? trusted : false,
  });
}

/**
 * Options every API instance is created with: the body parsers are the API's own
 * (configureApiApp), so Nest must not register its defaults.
 */
export function apiAppOptions(options: { logger?: boolean } = {}) {
  return options.logger === false
    ? { logger: false as const, abortOnError: false, bodyParser: false }
    : { bufferLogs: true, abortOnError: false, bodyParser: false };
}

/** Builds the API application; used by main.ts, the e2e tests and the benchmark. */
export async function createApiApp(
  config: AppConfig,
  options: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.register(config),
    createApiAdapter(config),
    apiAppOptions(options),
  );
  configureApiApp(app, options);
  return app;
}

/**
 * Prefix, pipes, filter, shutdown hooks and the API docs: apart from createApiApp so that a
 * test building the app from a testing module (to replace the Clock) gets the same app.
 */
export function configureApiApp(
  app: NestFastifyApplication,
  options: { logger?: boolean } = {},
): void {
  if (options.logger !== false) {
    app.useLogger(app.get(Logger));
  }
  app.setGlobalPrefix(API_PREFIX);
  useApiBodyParsers(app);
  // Before any guard, pipe or handler: no NUL or lone surrogate reaches SQL or a log line.
  app.getHttpAdapter().getInstance().addHook('preValidation', rejectUnsafeText);
  memoizeValidationMetadata();
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableShutdownHooks();

  const config = app.get<AppConfig>(APP_CONFIG);
  registerUploadBodies(app, config.storage.maxBytes);
  addSecurityHeaders(app);
  // The API's map is not published by a production deployment unless it says so.
  if (config.env !== 'production' || config.api.docsInProduction) {
    setupApiDocs(app, config);
  }
}
