// @ts-check
// Shapes shared by the pages, for the type checker only (`npm run typecheck`); nothing runs here.
// API answers are documented in the OpenAPI document (/api/docs); where a page only reads a few
// fields it types the answer as ApiObject.

/**
 * A JSON object the API answered.
 * @typedef {Record<string, any>} ApiObject
 */

export {};
