/**
 * Query parameters that carry a credential. The metrics stream takes a single-use ticket in
 * the query (EventSource cannot send headers); access_token is no longer read anywhere, but a
 * stale client may still send one, and it must not reach the logs either.
 */
const SECRET_PARAMS = ['ticket', 'access_token'];
const IN_URL = new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#]*`, 'g');

/** Keeps credentials out of request logs, which would otherwise print the URL. */
export function scrubQuerySecrets(url: string): string {
  return url.replace(IN_URL, '$1[redacted]');
}

interface SerializedRequest {
  url?: string;
  query?: Record<string, unknown>;
  [key: string]: unknown;
}

export function redactRequest(req: SerializedRequest): SerializedRequest {
  let query = req.query;
  for (const name of SECRET_PARAMS) {
    if (query && name in query) {
      query = { ...query, [name]: '[redacted]' };
    }
  }
  return { ...req, url: req.url === undefined ? undefined : scrubQuerySecrets(req.url), query };
}
