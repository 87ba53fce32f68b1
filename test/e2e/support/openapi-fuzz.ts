import fc from 'fast-check';
import { encodeUrlText, hostileBody, hostileJson, hostileUrlText } from './hostile-values';

/** The parts of an OpenAPI 3 document the fuzzer reads. */
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  nullable?: boolean;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzOperation {
  method: string;
  path: string;
  /** `security: []` in the document: callable without a token. */
  isPublic: boolean;
  parameters: Parameter[];
  body?: Schema;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: { raw: string } | { json: unknown };
}

/**
 * Real values for the fuzzer to put where a field wants an existing thing, so that requests
 * get past "not found" into the code behind: by parameter/property name first, then by format.
 */
export interface KnownValues {
  byName: Record<string, string[]>;
  uuids: string[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document: endpoints added later are fuzzed without a list to update. */
export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
  );
}

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) {
    s = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {};
  }
  if (s.allOf) {
    return s.allOf
      .map((part) => resolve(doc, part))
      .reduce<Schema>(
        (all, part) => ({
          ...all,
          ...part,
          properties: { ...all.properties, ...part.properties },
          required: [...(all.required ?? []), ...(part.required ?? [])],
        }),
        {},
      );
  }
  return s;
}

const isoInRange = () =>
  fc
    .date({
      min: new Date('2025-06-01T00:00:00Z'),
      max: new Date('2027-06-30T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString());

/**
 * A value the schema allows, as an integrator would send it: a known value where the name says
 * so, else the enum, the example, or a value of the format.
 */
function plausible(
  doc: OpenApiDocument,
  schema: Schema,
  name: string,
  known: KnownValues,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const named = known.byName[name];
  if (named?.length && s.type !== 'array' && s.type !== 'object') {
    return fc.constantFrom(...named);
  }
  if (s.enum?.length) {
    return fc.constantFrom(...s.enum);
  }
  if (s.example !== undefined && s.type !== 'array' && s.type !== 'object') {
    return fc.constant(s.example);
  }
  switch (s.type) {
    case 'integer':
      return fc.integer({ min: s.minimum ?? 1, max: Math.min(s.maximum ?? 3, 2100) });
    case 'number':
      return fc.double({ min: s.minimum ?? 0, max: s.maximum ?? 100, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(plausible(doc, s.items ?? {}, name, known, depth + 1), {
        minLength: 1,
        maxLength: 2,
      });
    case 'object':
    case undefined:
      return s.properties && depth < 5
        ? plausibleObject(doc, s, known, depth + 1)
        : fc.constant({});
    default:
      break;
  }
  if (s.format === 'uuid') {
    return fc.constantFrom(...known.uuids);
  }
  if (s.format === 'date-time') {
    return isoInRange();
  }
  if (s.format === 'date') {
    return isoInRange().map((d) => d.slice(0, 10));
  }
  return fc.constantFrom('Nguyễn Văn An', 'Hồ sơ cần bổ sung giấy tờ', 'Ghi chú');
}

function plausibleObject(
  doc: OpenApiDocument,
  s: Schema,
  known: KnownValues,
  depth: number,
): fc.Arbitrary<unknown> {
  const required = new Set(s.required ?? []);
  const props = Object.entries(s.properties ?? {});
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, prop] of props) {
    record[name] = plausible(doc, prop, name, known, depth);
  }
  return fc.record(record, {
    requiredKeys: props.map(([n]) => n).filter((n) => required.has(n)),
  });
}

/** Where a hostile value can go: a parameter, a body field (by path), the whole body. */
type Spot =
  | { kind: 'path' | 'query' | 'header'; name: string }
  | { kind: 'body'; at: Array<string | number> }
  | { kind: 'wholeBody' }
  | { kind: 'extraQuery' };

function bodySpots(
  doc: OpenApiDocument,
  schema: Schema,
  at: Array<string | number>,
  depth = 0,
): Spot[] {
  const s = resolve(doc, schema);
  if (depth > 5) {
    return [];
  }
  if (s.type === 'array') {
    return [{ kind: 'body', at }, ...bodySpots(doc, s.items ?? {}, [...at, 0], depth + 1)];
  }
  if (s.properties) {
    const own: Spot[] = at.length ? [{ kind: 'body', at }] : [];
    return [
      ...own,
      // An unknown or prototype-named key next to the known ones.
      { kind: 'body', at: [...at, 'constructor'] },
      ...Object.entries(s.properties).flatMap(([name, prop]) =>
        bodySpots(doc, prop, [...at, name], depth + 1),
      ),
    ];
  }
  return [{ kind: 'body', at }];
}

function spotsOf(doc: OpenApiDocument, op: FuzzOperation): Spot[] {
  return [
    ...op.parameters
      .filter((p) => p.in === 'path' || p.in === 'query' || p.in === 'header')
      .map((p) => ({ kind: p.in as 'path' | 'query' | 'header', name: p.name })),
    ...(op.body ? bodySpots(doc, op.body, []) : []),
    { kind: 'wholeBody' },
    { kind: 'extraQuery' },
  ];
}

/** Sets `value` at `at` in a JSON value, creating objects and arrays on the way. */
function setAt(root: unknown, at: Array<string | number>, value: unknown): unknown {
  if (at.length === 0) {
    return value;
  }
  const [head, ...rest] = at;
  const container = (
    typeof head === 'number'
      ? Array.isArray(root)
        ? [...(root as unknown[])]
        : []
      : root !== null && typeof root === 'object' && !Array.isArray(root)
        ? { ...(root as Record<string, unknown>) }
        : {}
  ) as Record<string | number, unknown>;
  // defineProperty: a key named like a prototype property must become an own data property.
  Object.defineProperty(container, head, {
    value: setAt(container[head], rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return container;
}

const textOf = (v: unknown) => (Array.isArray(v) ? v.map(String) : [String(v)]);

/**
 * Requests for one operation: a valid request (every parameter and body field as an integrator
 * would send it) with one or two spots replaced by a hostile value, or none (so that writes
 * happen and state moves). One wrong spot in an otherwise valid request is what reaches the
 * code behind validation.
 */
export function requestsFor(
  doc: OpenApiDocument,
  op: FuzzOperation,
  known: KnownValues,
): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters.filter((p) => p.in !== 'cookie');
  const spots = spotsOf(doc, op);
  const base = fc.record({
    params: fc.tuple(
      ...params.map((p) =>
        p.required || p.in === 'path'
          ? plausible(doc, p.schema ?? {}, p.name, known)
          : fc.option(plausible(doc, p.schema ?? {}, p.name, known), { freq: 2 }),
      ),
    ),
    body: op.body ? plausible(doc, op.body, '', known) : fc.constant(undefined),
  });
  const mutation = fc.record({
    spot: fc.constantFrom(...spots),
    json: hostileJson(),
    url: hostileUrlText(),
    body: hostileBody(),
  });
  return fc
    .tuple(base, fc.array(mutation, { minLength: 0, maxLength: 2 }), fc.nat(4))
    .map(([b, mutations, keep]) => {
      // One in five requests goes unmutated.
      const applied = keep === 0 ? [] : mutations.length ? mutations : [];
      const values = new Map<string, string[] | null>();
      params.forEach((p, i) => {
        const v = b.params[i];
        values.set(
          `${p.in}:${p.name}`,
          v === null || v === undefined ? null : textOf(v).map(encodeUrlText),
        );
      });
      let body: FuzzRequest['body'] = b.body === undefined ? undefined : { json: b.body };
      const extra: string[] = [];
      for (const m of applied) {
        switch (m.spot.kind) {
          case 'path':
          case 'query':
            values.set(`${m.spot.kind}:${m.spot.name}`, [m.url]);
            break;
          case 'header':
            values.set(`header:${m.spot.name}`, [
              typeof m.json === 'string' ? m.json : JSON.stringify(m.json),
            ]);
            break;
          case 'body':
            body = { json: setAt(body && 'json' in body ? body.json : {}, m.spot.at, m.json) };
            break;
          case 'wholeBody':
            body = m.body;
            break;
          case 'extraQuery':
            extra.push(
              `${['__proto__', 'constructor', 'unknown', 'a%00'][m.url.length % 4]}=${m.url}`,
            );
            break;
        }
      }
      let url = op.path;
      const query: string[] = [...extra];
      const headers: Record<string, string> = {};
      for (const p of params) {
        const v = values.get(`${p.in}:${p.name}`);
        if (p.in === 'path') {
          url = url.replace(`{${p.name}}`, v?.[0] || 'x');
        } else if (v && p.in === 'query') {
          query.push(...v.map((x) => `${p.name}=${x}`));
        } else if (v && p.in === 'header') {
          headers[p.name] = decodeURIComponentSafe(v[0]);
        }
      }
      return {
        method: op.method,
        url: query.length ? `${url}?${query.join('&')}` : url,
        headers,
        body,
      };
    });
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
