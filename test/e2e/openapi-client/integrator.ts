// A program an integrator (the province's portal, a reporting tool) writes against the client
// generated from motcua's OpenAPI document: openapi-typescript for the types, openapi-fetch
// for the calls. No casts, no `any`, no `!`: if the document is wrong, this stops compiling.
// test/e2e/openapi-contract.e2e-spec.ts generates ./motcua-api.d.ts beside a copy of this file,
// type-checks it, then runs it against the API the document came from.
import createClient from 'openapi-fetch';
import type { components, paths } from './motcua-api';

type Application = components['schemas']['ApplicationDto'];

export interface Credentials {
  username: string;
  password: string;
}

export interface Setup {
  baseUrl: string;
  procedureCode: string;
  reception: Credentials;
  head: Credentials;
  /** A local-date range for the metrics, e.g. this quarter. */
  from: string;
  to: string;
}

/** What the program saw, for the test to compare with the API's own records. */
export interface Seen {
  created: { code: string; status: string; dueAt: string | null; version: number };
  assignedTo: string | null;
  staleAnswer: { status: number; code: string; currentVersion: number | null };
  listed: string[];
  kpis: Array<{ code: string; value: number | null; status: string }>;
  onTimePopulation: number;
  receiptBytes: number;
  receiptType: string | null;
  unreadNotifications: number;
}

async function logIn(baseUrl: string, who: Credentials): Promise<string> {
  const anonymous = createClient<paths>({ baseUrl });
  const { data, error } = await anonymous.POST('/api/v1/auth/login', { body: who });
  if (error) {
    throw new Error(`login ${who.username}: ${error.code} ${error.message}`);
  }
  return data.accessToken;
}

async function clientFor(baseUrl: string, who: Credentials) {
  const token = await logIn(baseUrl, who);
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
}

/** The version the API holds now, from a 409's `current` (the application as it is). */
function versionOf(current: unknown): number | null {
  if (typeof current === 'object' && current !== null && 'version' in current) {
    const { version } = current;
    return typeof version === 'number' ? version : null;
  }
  return null;
}

export async function integrate(setup: Setup): Promise<Seen> {
  const desk = await clientFor(setup.baseUrl, setup.reception);
  const head = await clientFor(setup.baseUrl, setup.head);

  // Intake at the desk.
  const intake = await desk.POST('/api/v1/applications', {
    params: { header: { 'Idempotency-Key': 'portal-2026-000001' } },
    body: {
      procedureCode: setup.procedureCode,
      channel: 'direct',
      applicant: { fullName: 'Trần Thị Mai', idNumber: '001203004567', phone: '0912345678' },
      documents: [{ name: 'Đơn đề nghị', copies: 1 }],
    },
  });
  if (intake.error) {
    throw new Error(`intake: ${intake.error.code} ${intake.error.message}`);
  }
  const application: Application = intake.data;

  // The head assigns one of the division's officers.
  const officers = await head.GET('/api/v1/users', { params: { query: { role: 'officer' } } });
  const officer = officers.data?.[0];
  if (!officer) {
    throw new Error('no officer in the division');
  }
  const assign = await head.POST('/api/v1/applications/{id}/assign', {
    params: { path: { id: application.id } },
    body: { version: application.version, officerId: officer.id },
  });
  if (assign.error) {
    throw new Error(`assign: ${assign.error.code} ${assign.error.message}`);
  }

  // Acting on the version read before the assignment is refused with the current state.
  const stale = await head.POST('/api/v1/applications/{id}/start', {
    params: { path: { id: application.id } },
    body: { version: application.version },
  });
  const staleAnswer = {
    status: stale.response.status,
    code: stale.error?.code ?? 'none',
    currentVersion: versionOf(stale.error?.current),
  };

  const list = await head.GET('/api/v1/applications', {
    params: { query: { limit: 20, sort: 'dueAt', direction: 'asc' } },
  });
  const summary = await head.GET('/api/v1/metrics/summary', {
    params: { query: { from: setup.from, to: setup.to } },
  });
  const onTime = await head.GET('/api/v1/metrics/on-time', {
    params: { query: { from: setup.from, to: setup.to, groupBy: 'procedure' } },
  });
  const receipt = await desk.GET('/api/v1/applications/{idOrCode}/documents/{file}', {
    params: { path: { idOrCode: application.code, file: 'receipt.pdf' } },
    parseAs: 'blob',
  });
  const notifications = await head.GET('/api/v1/notifications', {
    params: { query: { unread: 'true' } },
  });

  return {
    created: {
      code: application.code,
      status: application.status,
      dueAt: application.dueAt,
      version: application.version,
    },
    assignedTo: assign.data.assignedOfficerId,
    staleAnswer,
    listed: list.data?.items.map((a) => a.code) ?? [],
    kpis: (summary.data?.kpis ?? []).map((k) => ({
      code: k.code,
      value: k.value,
      status: k.status,
    })),
    onTimePopulation: onTime.data?.total.population ?? -1,
    receiptBytes: receipt.data?.size ?? 0,
    receiptType: receipt.response.headers.get('content-type'),
    unreadNotifications: notifications.data?.length ?? -1,
  };
}
