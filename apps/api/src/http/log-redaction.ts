/**
 * Query parameters that carry a credential. The metrics stream takes a single-use ticket in
 * the query (EventSource cannot send headers); access_token is no longer read anywhere, but a
 * stale client may still send one, and it must not reach the logs either.
 */
const SECRET_PARAMS = ['ticket', 'access_token'];
/**
 * Query parameters that carry personal data (Personal Data Protection Law 91/2025): the
 * application search `q` takes names, phones and identity numbers; `phone` and `idNumber` for
 * any client that still sends them in a URL.
 */
const PERSONAL_PARAMS = ['q', 'phone', 'idNumber'];
const REDACTED_PARAMS = [...SECRET_PARAMS, ...PERSONAL_PARAMS];
const IN_URL = new RegExp(`([?&](?:${REDACTED_PARAMS.join('|')})=)[^&#]*`, 'g');

/** Keeps credentials and personal data out of request logs, which would otherwise print the URL. */
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
  for (const name of REDACTED_PARAMS) {
    if (query && Object.hasOwn(query, name)) {
      query = { ...query, [name]: '[redacted]' };
    }
  }
  return { ...req, url: req.url === undefined ? undefined : scrubQuerySecrets(req.url), query };
}
