import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { loadWebAssets, WEB_PREFIX, WebAssets } from './web-assets';

// A missing asset is 404, never the page (a module script answered with HTML fails obscurely).
// Application codes contain dots too (000.00.12.H00-...), so only asset extensions count.
const LOOKS_LIKE_ASSET = /\.(?:m?js|css|map|json|png|svg|ico|jpe?g|webp|woff2?|txt|pdf)$/i;

function sendPage(assets: WebAssets, reply: FastifyReply): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('content-security-policy', assets.contentSecurityPolicy)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(assets.indexHtml);
}

/**
 * The staff web app (Preact + htm, plain ES modules) under /app, registered straight on
 * Fastify: these routes are not Nest controllers, so the JWT guard does not apply — the files
 * are public and the app sends its token to /api itself.
 */
@Module({})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger(WebModule.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const assets = loadWebAssets();
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();

    // One route per file found at startup (wildcard: false), so unknown paths fall through
    // to the page route below. Not awaited, on purpose: awaiting would load the plugin queue
    // now, building Nest's routes before Nest sets its error handler (errors such as 413 would
    // then skip DomainErrorFilter). A failure still stops the boot, at ready().
    void fastify.register(fastifyStatic, {
      root: assets.root,
      prefix: `${WEB_PREFIX}/`,
      wildcard: false,
      // Swagger registers this plugin too: only one registration may add reply.sendFile.
      decorateReply: false,
      index: false,
      globIgnore: ['index.html'],
      cacheControl: false,
      setHeaders: (reply: FastifyReply) => {
        // Revalidate every time (ETag / Last-Modified): file names carry no version.
        void reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
      },
    });

    fastify.get(`${WEB_PREFIX}/vendor/:name`, (request, reply) => {
      const file = assets.vendor.get((request.params as { name: string }).name);
      if (!file) {
        return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      }
      return reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(file.body);
    });

    fastify.get(WEB_PREFIX, (_request, reply) => reply.redirect(`${WEB_PREFIX}/`));
    // Deep links (/app/ho-so, /app/tra-cuu?code=...) all load the page; its router decides.
    fastify.get(`${WEB_PREFIX}/*`, (request, reply) => {
      const path = request.url.split('?')[0];
      if (LOOKS_LIKE_ASSET.test(path)) {
        return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      }
      return sendPage(assets, reply);
    });
    this.logger.log(`Web app served under ${WEB_PREFIX}/ from ${assets.root}`);
  }
}
