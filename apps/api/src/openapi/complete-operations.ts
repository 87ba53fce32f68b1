import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PublicRateLimitGuard } from '../applications/public-rate-limit.guard';
import type { RouteAccess } from './route-access';

export const BEARER = 'bearer';
const JSON_TYPE = 'application/json';
const ERROR_SCHEMA: ReferenceObject = { $ref: '#/components/schemas/ErrorResponseDto' };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** Errors a guard adds to every route it protects. */
const GUARD_ERRORS = new Map<unknown, Record<string, string>>([
  [PublicRateLimitGuard, { '429': 'Too many requests from this client: wait a minute' }],
]);

/**
 * What every operation of this API has in common, written once instead of on each controller:
 * security as the guards decide it, 401/403 for routes behind a login or roles, 400 for
 * routes that take input (the validation pipe), 500, and every error as the one JSON shape
 * (ErrorResponseDto) — also on routes whose success answer is a PDF or a workbook.
 */
export function completeOperations(
  document: OpenAPIObject,
  access: ReadonlyMap<string, RouteAccess>,
): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) {
        continue;
      }
      const route = operation.operationId ? access.get(operation.operationId) : undefined;
      if (!route) {
        throw new Error(`OpenAPI: no route found for ${method.toUpperCase()} ${path}`);
      }
      completeOperation(operation, route);
    }
  }
  return document;
}

function completeOperation(operation: OperationObject, route: RouteAccess): void {
  const responses = operation.responses as Record<string, ResponseObject>;
  const add = (status: string, description: string) => {
    const existing = responses[status];
    if (!existing) {
      responses[status] = { description };
    } else if (!existing.description) {
      existing.description = description;
    } else if (!existing.description.includes(description)) {
      existing.description = `${description}; or: ${existing.description}`;
    }
  };
  if (route.public) {
    operation.security = [];
  } else {
    operation.security = [{ [BEARER]: [] }];
    add(
      '401',
      'No valid access token: log in (POST /api/v1/auth/login) and send it as a Bearer token',
    );
    if (route.roles) {
      add('403', `Only for the roles ${route.roles.join(', ')}`);
    }
  }
  for (const guard of route.guards) {
    for (const [status, description] of Object.entries(GUARD_ERRORS.get(guard) ?? {})) {
      add(status, description);
    }
  }
  if ((operation.parameters?.length ?? 0) > 0 || operation.requestBody) {
    add('400', 'Invalid input: `details` names each field and the reason');
  }
  add('500', 'Unexpected error: quote `correlationId` to the administrator');
  for (const [status, response] of Object.entries(responses)) {
    if (/^[45]\d\d$/.test(status)) {
      response.content = { [JSON_TYPE]: { schema: errorSchemaOf(response) } };
    }
  }
}

/** The JSON schema an error response declared, whatever media type it was filed under. */
function errorSchemaOf(response: ResponseObject): SchemaObject | ReferenceObject {
  for (const media of Object.values(response.content ?? {})) {
    const schema = media.schema as (SchemaObject & ReferenceObject) | undefined;
    if (schema && (schema.$ref || schema.format !== 'binary')) {
      return schema;
    }
  }
  return ERROR_SCHEMA;
}
