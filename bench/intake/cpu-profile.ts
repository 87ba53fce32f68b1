import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CPU profiles of the API under load. `cpuProfilePreloads` loads cpu-profile-preload.ts into it;
 * run this file on a profile to see where the time goes:
 *   node -r @swc-node/register bench/intake/cpu-profile.ts <file.cpuprofile>
 */
export function cpuProfilePreloads(): string[] {
  return ['@swc-node/register', join(__dirname, 'cpu-profile-preload.ts')];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

/** Frames whose inclusive time answers "what does a request spend on X". */
const INCLUSIVE_PROBES: Array<[string, RegExp]> = [
  ['JWT verify (jsonwebtoken)', /node_modules\/jsonwebtoken\/verify/],
  ['validation pipe (class-transformer + class-validator)', /validation\.pipe|ValidationPipe/],
  ['class-validator', /node_modules\/class-validator\//],
  ['class-transformer', /node_modules\/class-transformer\//],
  ['TypeORM (query wrapper, query runner)', /node_modules\/typeorm\//],
  ['pg driver', /node_modules\/pg(-protocol|-pool|-types)?\//],
  ['pino / pino-http', /node_modules\/(pino|pino-http|nestjs-pino)\//],
  ['garbage collector', /^\(garbage collector\)$/],
];

function frameKey(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  return `${url} ${functionName}`;
}

export function summarizeProfile(profile: CpuProfile): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const share = (hits: number) => `${((100 * hits) / totalHits).toFixed(1)} %`;

  const selfByPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const group = packageOf(node);
    selfByPackage.set(group, (selfByPackage.get(group) ?? 0) + (node.hitCount ?? 0));
  }

  // Inclusive time: a frame's own hits plus everything under it, counted once per probe even
  // where the probe matches several frames on the same stack.
  const inclusive = new Map<string, number>();
  const walk = (id: number, active: Set<string>): number => {
    const node = byId.get(id)!;
    const matched = INCLUSIVE_PROBES.filter(
      ([name, pattern]) => !active.has(name) && pattern.test(probeText(node)),
    ).map(([name]) => name);
    const nextActive = matched.length ? new Set([...active, ...matched]) : active;
    let hits = node.hitCount ?? 0;
    for (const child of node.children ?? []) {
      hits += walk(child, nextActive);
    }
    for (const name of matched) {
      inclusive.set(name, (inclusive.get(name) ?? 0) + hits);
    }
    return hits;
  };
  walk(profile.nodes[0].id, new Set());

  const selfByFrame = new Map<string, number>();
  for (const node of profile.nodes) {
    selfByFrame.set(frameKey(node), (selfByFrame.get(frameKey(node)) ?? 0) + (node.hitCount ?? 0));
  }
  const top = <K>(map: Map<K, number>, n: number) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  return [
    `profile: ${seconds.toFixed(1)} s, ${totalHits} samples`,
    '',
    'self time by package:',
    ...top(selfByPackage, 15).map(([name, hits]) => `  ${share(hits).padStart(7)}  ${name}`),
    '',
    'inclusive time of:',
    ...INCLUSIVE_PROBES.map(
      ([name]) => `  ${share(inclusive.get(name) ?? 0).padStart(7)}  ${name}`,
    ),
    '',
    'hottest frames (self):',
    ...top(selfByFrame, 20).map(([name, hits]) => `  ${share(hits).padStart(7)}  ${shorten(name)}`),
  ].join('\n');
}

function probeText(node: ProfileNode): string {
  return node.callFrame.url ? `${node.callFrame.url}` : node.callFrame.functionName;
}

function packageOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) {
    return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  }
  const inModules = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (inModules) {
    return inModules[1];
  }
  if (url.startsWith('node:')) {
    return 'node core';
  }
  return url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/(apps|libs)\//, '$1/')
    .replace(/\/[^/]+$/, '/');
}

function shorten(key: string): string {
  return key.replace(/^file:\/\//, '').replace(/^\S*node_modules\//, '');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error(
      'usage: node -r @swc-node/register bench/intake/cpu-profile.ts <file.cpuprofile>',
    );
    process.exit(2);
  }
  console.log(summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile));
}
