import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@app/config';
import { ErrorResponseDto } from '../http/error-response';
import { BEARER, completeOperations } from './complete-operations';
import { routeAccessByOperationId } from './route-access';

export const API_DOCS_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = `${API_DOCS_PATH}/openapi.json`;

/**
 * The OpenAPI document integrators generate clients from (docs/api-contract.md): the
 * controllers' decorators and response DTOs, completed with what all operations share.
 */
export function createApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('motcua API')
      .setDescription(
        'Bộ phận một cửa: reception, processing and monitoring of administrative-procedure ' +
          'applications. Every error answers the ErrorResponseDto shape.',
      )
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      .addServer(config.api.publicBaseUrl.replace(/\/+$/, ''), 'This deployment')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
      .build(),
    { extraModels: [ErrorResponseDto] },
  );
  return completeOperations(document, routeAccessByOperationId(app));
}

/** Swagger UI at /api/docs and the JSON at /api/docs/openapi.json. */
export function setupApiDocs(app: INestApplication, config: AppConfig): void {
  SwaggerModule.setup(API_DOCS_PATH, app, createApiDocument(app, config), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
  });
}
