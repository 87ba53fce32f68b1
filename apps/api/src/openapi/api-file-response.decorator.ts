import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';

/**
 * A 200 whose body is a file (PDF, workbook): its real media type with a binary schema, so a
 * generated client reads it as a Blob. Errors stay JSON (completeOperations).
 */
export function ApiFileResponse(mediaType: string, description: string): MethodDecorator {
  return applyDecorators(
    ApiProduces(mediaType),
    ApiOkResponse({
      description,
      content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } },
    }),
  );
}
