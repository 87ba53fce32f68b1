import type { FastifyInstance } from 'fastify';
import type { MetricsRegistry } from '@app/observability';

/**
 * HTTP request count and latency on the API's /metrics, by method, route pattern (never the
 * raw URL: ids would make one series per application) and status.
 */
export function recordHttpMetrics(fastify: FastifyInstance, metrics: MetricsRegistry): void {
  const labels = ['method', 'route', 'status'];
  const requests = metrics.counter(
    'motcua_http_requests_total',
    'HTTP requests answered, by method, route pattern and status',
    labels,
  );
  const duration = metrics.histogram(
    'motcua_http_request_duration_seconds',
    'Time from request to answer, by method, route pattern and status',
    labels,
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const series = { method: request.method, route, status: String(reply.statusCode) };
    requests.inc(series);
    duration.observe(series, reply.elapsedTime / 1000);
    done();
  });
}
