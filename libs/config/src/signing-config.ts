/**
 * Signed results (issue 13 item 3): who holds the signing key, the timestamp authority and
 * what the verifier trusts. Kept apart from env.dto.ts: read from the same environment,
 * validated here, every problem named.
 *
 *   SIGNING_MODE                none (default) | pkcs12 | remote
 *   SIGNING_PKCS12_PATH         pkcs12: the .p12/.pfx file (development and tests)
 *   SIGNING_PKCS12_PASSWORD     pkcs12: its password (secret)
 *   REMOTE_SIGNING_URL          remote: the national remote-signing service's base URL
 *   REMOTE_SIGNING_TOKEN        remote: the access token (secret)
 *   REMOTE_SIGNING_CREDENTIAL_ID remote: the signer's credential at the service
 *   REMOTE_SIGNING_TIMEOUT_MS   remote: per HTTP call (default 10000)
 *   REMOTE_SIGNING_CONFIRM_TIMEOUT_MS remote: time for the signer to confirm (default 120000)
 *   TSA_URL                     an RFC 3161 timestamp authority; unset = no timestamp
 *   TSA_TIMEOUT_MS              default 10000
 *   SIGNATURE_TRUST_ANCHORS     a PEM bundle of the roots results must chain to
 *                               (e.g. the national root CA); unset = nothing verifies
 *   SIGNATURE_CRLS              comma-separated CRL files (DER or PEM) the verifier also uses
 */
export interface SigningConfig {
  mode: 'none' | 'pkcs12' | 'remote';
  pkcs12: { path: string; password: string } | null;
  remote: {
    baseUrl: string;
    accessToken: string;
    credentialId: string;
    requestTimeoutMs: number;
    confirmTimeoutMs: number;
    pollIntervalMs: number;
  } | null;
  tsa: { url: string; timeoutMs: number } | null;
  trustAnchorsPath: string | null;
  crlPaths: string[];
}

const URL_PATTERN = /^https?:\/\/\S+$/;

function milliseconds(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 100 || value > 600_000) {
    problems.push(
      `${name}=${JSON.stringify(raw)}: must be a whole number of milliseconds from 100 to 600000`,
    );
    return fallback;
  }
  return value;
}

export function loadSigningConfig(env: Record<string, string | undefined>): {
  config: SigningConfig;
  problems: string[];
} {
  const problems: string[] = [];
  const value = (name: string) => (env[name] === undefined || env[name] === '' ? null : env[name]);
  const required = (name: string, when: string): string => {
    const v = value(name);
    if (v === null) {
      problems.push(`${name}=undefined: required when ${when}`);
    }
    return v ?? '';
  };
  const mode = (value('SIGNING_MODE') ?? 'none') as SigningConfig['mode'];
  if (!['none', 'pkcs12', 'remote'].includes(mode)) {
    problems.push(`SIGNING_MODE=${JSON.stringify(mode)}: must be none, pkcs12 or remote`);
  }
  const url = (name: string, v: string | null) => {
    if (v !== null && !URL_PATTERN.test(v)) {
      problems.push(`${name}=${JSON.stringify(v)}: must be an http:// or https:// URL`);
    }
    return v;
  };
  const pkcs12 =
    mode === 'pkcs12'
      ? {
          path: required('SIGNING_PKCS12_PATH', 'SIGNING_MODE=pkcs12'),
          password: required('SIGNING_PKCS12_PASSWORD', 'SIGNING_MODE=pkcs12'),
        }
      : null;
  const remote =
    mode === 'remote'
      ? {
          baseUrl:
            url(
              'REMOTE_SIGNING_URL',
              required('REMOTE_SIGNING_URL', 'SIGNING_MODE=remote') || null,
            ) ?? '',
          accessToken: required('REMOTE_SIGNING_TOKEN', 'SIGNING_MODE=remote'),
          credentialId: required('REMOTE_SIGNING_CREDENTIAL_ID', 'SIGNING_MODE=remote'),
          requestTimeoutMs: milliseconds(env, 'REMOTE_SIGNING_TIMEOUT_MS', 10_000, problems),
          confirmTimeoutMs: milliseconds(
            env,
            'REMOTE_SIGNING_CONFIRM_TIMEOUT_MS',
            120_000,
            problems,
          ),
          pollIntervalMs: 2000,
        }
      : null;
  const tsaUrl = url('TSA_URL', value('TSA_URL'));
  return {
    config: {
      mode,
      pkcs12,
      remote,
      tsa: tsaUrl
        ? { url: tsaUrl, timeoutMs: milliseconds(env, 'TSA_TIMEOUT_MS', 10_000, problems) }
        : null,
      trustAnchorsPath: value('SIGNATURE_TRUST_ANCHORS'),
      crlPaths: (value('SIGNATURE_CRLS') ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p.length > 0),
    },
    problems,
  };
}
