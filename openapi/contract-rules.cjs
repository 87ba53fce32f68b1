// @ts-check
// Redocly rules for what a generated client needs (docs/api-contract.md), run on the API's own
// document by test/e2e/openapi-contract.e2e-spec.ts through `redocly lint` (redocly.yaml).
// They check every operation, so endpoints added later are covered without a list to update.

const JSON_TYPE = 'application/json';
const isSuccess = (/** @type {string} */ status) => /^2\d\d$/.test(status);
const isError = (/** @type {string} */ status) => /^[45]\d\d$/.test(status);

/** @param {any} node @param {any} ctx */
const resolved = (node, ctx) => (node && node.$ref ? ctx.resolve(node).node : node);

/** Every operation says who may call it: `security: [{ bearer: [] }]` or `security: []`. */
function ExplicitSecurity() {
  return {
    Operation: {
      enter(/** @type {any} */ operation, /** @type {any} */ ctx) {
        if (!Array.isArray(operation.security)) {
          ctx.report({
            message:
              'Operation must declare its own `security`: [{ bearer: [] }] behind login, [] when public.',
            location: ctx.location.key(),
          });
        }
      },
    },
  };
}

/** An operation behind a login answers 401 to a missing or stale token: say so. */
function SecuredDocuments401() {
  return {
    Operation: {
      enter(/** @type {any} */ operation, /** @type {any} */ ctx) {
        const secured = Array.isArray(operation.security) && operation.security.length > 0;
        if (secured && !operation.responses?.['401']) {
          ctx.report({
            message: 'A secured operation must document its 401 response.',
            location: ctx.location.child('responses').key(),
          });
        }
      },
    },
  };
}

/** Every success answer has a body schema (204 excepted); binary bodies say they are binary. */
function SuccessSchema() {
  return {
    Operation: {
      enter(/** @type {any} */ operation, /** @type {any} */ ctx) {
        for (const [status, raw] of Object.entries(operation.responses ?? {})) {
          if (!isSuccess(status) || status === '204') {
            continue;
          }
          const response = resolved(raw, ctx);
          const where = ctx.location.child(['responses', status]);
          const content = Object.entries(response?.content ?? {});
          if (content.length === 0) {
            ctx.report({
              message: `Response ${status} must declare its content and schema (a response DTO).`,
              location: where.key(),
            });
          }
          for (const [type, media] of content) {
            const schema = resolved(/** @type {any} */ (media).schema, ctx);
            if (!schema || Object.keys(schema).length === 0) {
              ctx.report({
                message: `Response ${status} (${type}) must have a schema.`,
                location: where.child(['content', type]).key(),
              });
            } else if (
              !type.includes('json') &&
              !type.startsWith('text/') &&
              !(schema.type === 'string' && schema.format === 'binary')
            ) {
              ctx.report({
                message: `Response ${status} (${type}) is a file: its schema must be { type: string, format: binary }.`,
                location: where.child(['content', type]).key(),
              });
            }
          }
        }
      },
    },
  };
}

/** Errors are JSON (the one ErrorResponseDto shape), even where the success answer is a file. */
function ErrorsAreJson() {
  return {
    Operation: {
      enter(/** @type {any} */ operation, /** @type {any} */ ctx) {
        for (const [status, raw] of Object.entries(operation.responses ?? {})) {
          if (!isError(status)) {
            continue;
          }
          const response = resolved(raw, ctx);
          const types = Object.keys(response?.content ?? {});
          const schema = response?.content?.[JSON_TYPE]?.schema;
          if (types.length !== 1 || types[0] !== JSON_TYPE || !schema) {
            ctx.report({
              message: `Error response ${status} must be ${JSON_TYPE} with a schema (found: ${types.join(', ') || 'no content'}).`,
              location: ctx.location.child(['responses', status]).key(),
            });
          }
        }
      },
    },
  };
}

/**
 * An operation that takes input or needs a login documents its client errors (400 for input,
 * 401/403 for access; completeOperations adds the common ones). Public probes without input
 * (health) have none to document.
 */
function ClientErrorsDocumented() {
  return {
    Operation: {
      enter(/** @type {any} */ operation, /** @type {any} */ ctx) {
        const takesInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody;
        const secured = Array.isArray(operation.security) && operation.security.length > 0;
        const has4xx = Object.keys(operation.responses ?? {}).some((s) => /^4\d\d$/.test(s));
        if ((takesInput || secured) && !has4xx) {
          ctx.report({
            message: 'Operation must document its 4xx responses.',
            location: ctx.location.child('responses').key(),
          });
        }
      },
    },
  };
}

/** `type: number` without a format is where integers were typed as numbers: say which. */
function NumbersSayWhich() {
  return {
    Schema: {
      enter(/** @type {any} */ schema, /** @type {any} */ ctx) {
        if (schema.type === 'number' && !['double', 'float'].includes(schema.format)) {
          ctx.report({
            message:
              "A number must be `type: 'integer'`, or `format: 'double'` when it has decimals.",
            location: ctx.location.child('type'),
          });
        }
      },
    },
  };
}

module.exports = function motcuaContractPlugin() {
  return {
    id: 'motcua',
    rules: {
      oas3: {
        'explicit-security': ExplicitSecurity,
        'secured-documents-401': SecuredDocuments401,
        'success-schema': SuccessSchema,
        'errors-are-json': ErrorsAreJson,
        'client-errors-documented': ClientErrorsDocumented,
        'numbers-say-which': NumbersSayWhich,
      },
    },
  };
};
