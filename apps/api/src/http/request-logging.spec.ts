import { EventEmitter } from 'node:events';
import pino from 'pino';
import pinoHttp from 'pino-http';
import { requestLogging } from './request-logging';

/** pino-http with the API's options, writing JSON lines to memory. */
function middlewareAt(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const options = requestLogging(level);
  const logger = pino(
    { level, redact: options.redact, serializers: options.serializers },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const middleware = pinoHttp({ ...options, logger });
  const handle = () => {
    const req = Object.assign(new EventEmitter(), {
      method: 'GET',
      url: '/api/v1/metrics/stream?ticket=secret-ticket-value',
      headers: { authorization: 'Bearer secret-token', host: 'localhost' },
      socket: { remoteAddress: '127.0.0.1', remotePort: 40000 },
    });
    const res = Object.assign(new EventEmitter(), {
      statusCode: 200,
      getHeaders: () => ({}),
      setHeader: () => undefined,
    });
    middleware(req as never, res as never);
    return {
      req: req as unknown as { id: unknown; log: pino.Logger },
      res: res as unknown as { log: pino.Logger; emit: (e: string) => void },
    };
  };
  return { lines, handle };
}

describe('requestLogging', () => {
  it('below info: no per-request log, and the request is not serialised into any binding', () => {
    const { lines, handle } = middlewareAt('warn');
    const { req, res } = handle();
    res.emit('finish');
    expect(lines).toEqual([]);
    // What nestjs-pino logs within the request carries its id; what pino-http bound the request
    // to carries nothing of it.
    req.log.warn('inside the request');
    res.log.warn('on the response logger');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ reqId: req.id, msg: 'inside the request' });
    expect(lines[0]).not.toHaveProperty('req');
    expect(lines[1]).toMatchObject({ msg: 'on the response logger' });
    expect(lines[1]).not.toHaveProperty('req');
  });

  it('at info: the request is logged when it finishes, redacted', () => {
    const { lines, handle } = middlewareAt('info');
    const { res } = handle();
    res.emit('finish');
    expect(lines).toHaveLength(1);
    const req = lines[0].req as { url: string; headers: Record<string, string> };
    expect(req.url).toBe('/api/v1/metrics/stream?ticket=[redacted]');
    expect(req.headers.authorization).toBe('[Redacted]');
    expect(JSON.stringify(lines)).not.toContain('secret');
  });
});
