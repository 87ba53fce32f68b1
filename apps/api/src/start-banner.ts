import type { AppConfig } from '@app/config';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

/**
 * What the API says once it listens: where the API, its docs and the staff web app are, and a
 * warning when PUBLIC_BASE_URL (printed in every receipt's QR code and in the links given to
 * applicants) points at this machine in production, where no citizen can reach it, and when
 * Prometheus has no way in to /metrics there.
 */
export function startBanner(config: AppConfig): { lines: string[]; warnings: string[] } {
  const local = `http://${config.api.host === '0.0.0.0' ? 'localhost' : config.api.host}:${config.api.port}`;
  const publicBase = config.api.publicBaseUrl.replace(/\/+$/, '');
  const ops = config.operations;
  const opsBase = ops.port === null ? local : `http://${ops.host}:${ops.port}`;
  const lines = [
    `API ${local}/api/v1`,
    `API docs ${opsBase}/api/docs`,
    `Prometheus metrics ${opsBase}/metrics`,
    `Staff web app ${local}/app/ (public address ${publicBase}/app/)`,
  ];
  const warnings: string[] = [];
  if (config.env === 'production' && ops.port === null && ops.metricsToken === null) {
    warnings.push(
      "/metrics answers admins' access tokens only: give Prometheus METRICS_TOKEN, or serve " +
        'it on a private address with METRICS_PORT (README, "Security settings").',
    );
  }
  let hostname = '';
  try {
    hostname = new URL(publicBase).hostname;
  } catch {
    warnings.push(`PUBLIC_BASE_URL is not a URL: ${config.api.publicBaseUrl}`);
  }
  if (config.env === 'production' && LOOPBACK.test(hostname)) {
    warnings.push(
      `PUBLIC_BASE_URL is ${publicBase}, a loopback address: the receipts' QR codes and the links ` +
        'sent to applicants will not open for anyone else. Set it to the public https address.',
    );
  }
  return { lines, warnings };
}
