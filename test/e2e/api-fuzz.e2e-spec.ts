import fc from 'fast-check';
import { ApplicationStatus as S, Role } from '@app/domain';
import { fuzzSettings } from '../setup/fuzz-settings';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, createDriver, Driver } from './support/drive';
import {
  FuzzOperation,
  FuzzRequest,
  KnownValues,
  OpenApiDocument,
  operationsOf,
  requestsFor,
} from './support/openapi-fuzz';
import { changedTables, watchRowCounts } from './support/row-counts';

const { requests: MIN_REQUESTS, seed: SEED } = fuzzSettings();

interface Identity {
  name: string;
  token: string | null;
}

/**
 * Property-based fuzz of the whole API (issue 9): every operation of the API's own OpenAPI
 * document, as anonymous and as a user of each role, with mostly plausible and partly hostile
 * values (hostile-values.ts). No answer may be 5xx, and a rejected request (4xx) may change no
 * row in any table (row-counts.ts). Requests go through Fastify's inject: the whole pipeline
 * (routing, parsers, hooks, guards, pipes, handlers, filter) without a socket per request.
 */
describe('API fuzz: every operation, every role, hostile input', () => {
  let t: TestApp;
  let d: Driver;
  let doc: OpenApiDocument;
  let identities: Identity[];
  let known: KnownValues;

  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    doc = (await t.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument;
    identities = [{ name: 'anonymous', token: null }];
    for (const role of Object.values(Role)) {
      const scoped = role !== Role.Admin && role !== Role.Director && role !== Role.Supervisor;
      identities.push({
        name: role,
        token: await t.tokenFor(role, scoped ? d.departmentId : null),
      });
    }
    const apps = [
      await d.driveTo(S.Received),
      await d.driveTo(S.Processing),
      await d.driveTo(S.ResultReady),
    ];
    // Targets for writes on users: never the fuzzing identities themselves.
    const victim = await t.factory.user({ role: Role.Officer, departmentId: d.departmentId });
    const otherDepartment = await d.otherDepartmentId();
    const ids = [...apps.map((a) => a.id), d.departmentId, otherDepartment, victim.id];
    known = {
      uuids: ids,
      byName: {
        id: ids,
        idOrCode: [...apps.map((a) => a.id), ...apps.map((a) => a.code)],
        code: [d.procedureCode, ...apps.map((a) => a.code)],
        procedureCode: [d.procedureCode],
        departmentId: [d.departmentId, otherDepartment],
        toDepartmentId: [otherDepartment],
        officerId: [victim.id],
        year: ['2026'],
      },
    };
  });
  afterAll(() => closeTestApp(t));

  async function send(request: FuzzRequest, token: string | null) {
    // What can travel in an HTTP header at all: Node's parser refuses control characters and
    // a client cannot send characters beyond Latin-1.
    const headers: Record<string, string> = Object.fromEntries(
      Object.entries(request.headers).map(([k, v]) => [
        k,
        v.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?'),
      ]),
    );
    if (token) {
      headers.authorization = `Bearer ${token}`;
    }
    let payload: string | undefined;
    if (request.body) {
      headers['content-type'] = 'application/json';
      payload = 'raw' in request.body ? request.body.raw : JSON.stringify(request.body.json);
    }
    const fastify = t.app.getHttpAdapter().getInstance();
    return await fastify.inject({
      method: request.method as 'GET',
      url: request.url,
      headers,
      payload,
    });
  }

  const show = (request: FuzzRequest) =>
    `${request.url.slice(0, 300)} ${JSON.stringify(request.headers).slice(0, 100)} ${JSON.stringify(request.body ?? null).slice(0, 400)}`;

  it(`answers ${MIN_REQUESTS}+ fuzzed requests with no 5xx, and rejected ones change no row`, async () => {
    const operations: FuzzOperation[] = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(50);
    const runs = Math.ceil(MIN_REQUESTS / (operations.length * identities.length));
    const rows = await watchRowCounts(t.db);
    const started = Date.now();
    let sent = 0;
    const statuses: Record<string, number> = {};
    const failures: string[] = [];
    let before = await rows.counts();
    let writes = await rows.writes();
    let counted = 0;

    for (const op of operations) {
      for (const identity of identities) {
        const label = `${identity.name} ${op.method} ${op.path}`;
        // The smallest failing request fast-check shrank to (the last one that failed).
        let lastFailure = '';
        try {
          await fc.assert(
            fc.asyncProperty(requestsFor(doc, op, known), async (request) => {
              const res = await send(request, identity.token);
              sent++;
              let changed: string[] = [];
              const writesNow = await rows.writes();
              if (writesNow !== writes) {
                writes = writesNow;
                counted++;
                const after = await rows.counts();
                changed = changedTables(before, after);
                before = after;
              }
              const bucket = `${Math.floor(res.statusCode / 100)}xx`;
              statuses[bucket] = (statuses[bucket] ?? 0) + 1;
              const problem =
                res.statusCode >= 500
                  ? `${res.statusCode} ${res.body.slice(0, 300)}`
                  : res.statusCode >= 400 && changed.length > 0
                    ? `${res.statusCode} but rows changed: ${changed.join(', ')}`
                    : undefined;
              if (problem) {
                lastFailure = `${show(request)} → ${problem}`;
                throw new Error(problem);
              }
            }),
            { numRuns: runs, seed: SEED, endOnFailure: false, maxSkipsPerRun: 0 },
          );
        } catch {
          failures.push(`${label}: ${lastFailure}`);
        }
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // The figures the closing note asks for.
    process.stdout.write(
      `API fuzz: ${sent} requests over ${operations.length} operations × ${identities.length} identities in ${seconds} s (seed ${SEED}); answers ${JSON.stringify(statuses)}; rows counted after ${counted}; failures ${failures.length}\n`,
    );
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
    // The write detector saw the accepted writes (else it would miss the rejected ones too).
    expect(counted).toBeGreaterThan(0);
  }, 600_000);
});
