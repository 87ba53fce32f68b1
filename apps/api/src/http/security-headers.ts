import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const API_PATH = '/api/';

/**
 * Headers on every answer: no MIME sniffing and no referrer leaving with a URL; API answers
 * (personal data, tokens) are never stored by a browser or a shared cache.
 */
export function addSecurityHeaders(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header('referrer-policy', 'no-referrer');
      if (request.url.startsWith(API_PATH)) {
        void reply.header('cache-control', 'no-store');
      }
      done(null, payload);
    });
}
