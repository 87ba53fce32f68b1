/**
 * The metrics stream takes its token in the query (EventSource cannot send headers): keep it
 * out of request logs, which would otherwise print the URL.
 */
export function scrubAccessToken(url: string): string {
  return url.replace(/([?&]access_token=)[^&#]*/g, '$1[redacted]');
}

interface SerializedRequest {
  url?: string;
  query?: Record<string, unknown>;
  [key: string]: unknown;
}

export function redactRequest(req: SerializedRequest): SerializedRequest {
  const query =
    req.query && 'access_token' in req.query
      ? { ...req.query, access_token: '[redacted]' }
      : req.query;
  return { ...req, url: req.url === undefined ? undefined : scrubAccessToken(req.url), query };
}
