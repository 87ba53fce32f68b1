import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Content types an upload may be sent with; the bytes decide what it really is. */
export const UPLOAD_MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/octet-stream',
];

/**
 * Raw bodies for uploads, up to one byte over the configured limit: one byte over is answered
 * 400 naming `file` by the content check; far larger is cut by Fastify (413) without being read.
 */
export function registerUploadBodies(app: NestFastifyApplication, maxBytes: number): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(
      UPLOAD_MEDIA_TYPES,
      { parseAs: 'buffer', bodyLimit: maxBytes + 1 },
      (_request, body, done) => done(null, body),
    );
}
