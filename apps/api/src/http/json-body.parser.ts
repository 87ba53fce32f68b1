import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import { DomainError, DomainErrorCode } from '@app/domain';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

/**
 * The API's body parsers, in place of Nest's (the app is created with `bodyParser: false`):
 * JSON through Fastify's own parser (prototype-poisoning keys refused) behind a depth check, so
 * an absurdly nested body is a 400 naming `body` before anything recurses into it; forms as
 * Nest parsed them (repeated keys become arrays).
 */
export function useApiBodyParsers(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const bodyLimit = fastify.initialConfig.bodyLimit;
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit }, (req, body, done) => {
    const text = body.toString('utf8');
    if (jsonDepthExceeds(text)) {
      const reason = `nests deeper than ${MAX_JSON_DEPTH} levels`;
      done(
        new DomainError(DomainErrorCode.Validation, `body: ${reason}`, [{ field: 'body', reason }]),
        undefined,
      );
      return;
    }
    void parseJson(req, text, done);
  });
  app.useBodyParser<Server>(
    'application/x-www-form-urlencoded',
    { bodyLimit },
    (_req, body, done) => {
      // A plain object: node's parser returns one without a prototype.
      done(null, { ...parseForm(body.toString('utf8')) });
    },
  );
}
