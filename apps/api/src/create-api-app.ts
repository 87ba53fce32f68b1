import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { ApiModule } from './api.module';
import { DomainErrorFilter } from './http/domain-error.filter';
import { StrictValidationPipe } from './http/validation.pipe';

export const API_PREFIX = 'api/v1';

/** Builds the API application; used by main.ts, the e2e tests and the benchmark. */
export async function createApiApp(
  config: AppConfig,
  options: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.register(config),
    new FastifyAdapter({ bodyLimit: config.api.bodyLimitBytes, trustProxy: true }),
    options.logger === false
      ? { logger: false, abortOnError: false }
      : { bufferLogs: true, abortOnError: false },
  );
  if (options.logger !== false) {
    app.useLogger(app.get(Logger));
  }
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('motcua API')
      .setDescription(
        'Bộ phận một cửa: reception, processing and monitoring of administrative-procedure applications',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
