// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package, as a
// share of the busy samples (idle left out), highest first.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface ProfileSummary {
  busySeconds: number;
  functions: { name: string; where: string; percent: number }[];
  packages: { name: string; percent: number }[];
}

/** `node_modules/<pkg>` (or the project's own folder, or node's internals) a script belongs to. */
function packageOf(url: string): string {
  if (url === '') return '(native)';
  if (url.startsWith('node:')) return 'node';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1] as string;
  const own = /\/(worker|server|core|simulator|bench)\//.exec(url);
  return own ? `riposte ${own[1]}/` : url.startsWith('wasm') ? 'wasm' : url;
}

export function summariseProfile(file: string, count: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples?: number[]; startTime: number; endTime: number };
  const hits = new Map<number, number>();
  for (const id of profile.samples ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
  const byFunction = new Map<string, { name: string; where: string; hits: number }>();
  const byPackage = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const h = hits.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (h === 0 || functionName === '(idle)') continue;
    busy += h;
    const where = url === '' ? '' : `${url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '')}:${lineNumber + 1}`;
    const key = `${functionName}|${where}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anonymous)', where, hits: 0 };
    entry.hits += h;
    byFunction.set(key, entry);
    const pkg = packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + h);
  }
  const total = profile.samples?.length ?? 1;
  const busySeconds = ((profile.endTime - profile.startTime) / 1e6) * (busy / total);
  return {
    busySeconds,
    functions: [...byFunction.values()]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, count)
      .map((e) => ({ name: e.name, where: e.where, percent: (100 * e.hits) / busy })),
    packages: [...byPackage.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([name, h]) => ({ name, percent: (100 * h) / busy })),
  };
}
