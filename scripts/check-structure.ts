// The structure rules of issue 11, as one check (npm run lint:structure, .ci/run):
//  - dependency-cruiser with .dependency-cruiser.cjs: no import cycle, the
//    kernel imports no module, no module imports another module's repo or
//    internals (only its service.ts, index.ts or ui.ts);
//  - on top, the module graph: no two modules depend on each other, directly
//    or round a longer loop (a file-level cycle check cannot see that).
// Usage: tsx scripts/check-structure.ts [root]  (root holds src/ and tsconfig.json; default: this repository)
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}
interface CruiseJson {
  modules: { source: string; dependencies: { resolved: string }[] }[];
  summary: { violations: Violation[] };
}

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(process.argv[2] ?? repo);
const bin = join(repo, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

const run = spawnSync(
  process.execPath,
  [bin, 'src', '--config', join(repo, '.dependency-cruiser.cjs'), '--output-type', 'json'],
  { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
if (!run.stdout) {
  console.error(run.stderr);
  process.exit(2);
}
const result = JSON.parse(run.stdout) as CruiseJson;
const problems = result.summary.violations.map((v) =>
  v.cycle?.length
    ? `${v.rule.name}: ${v.from} → ${v.cycle.map((c) => c.name).join(' → ')}`
    : `${v.rule.name}: ${v.from} → ${v.to}`,
);

// The module graph: an edge a → b when a file of module a imports one of module b.
const moduleOf = (path: string) => /^src\/modules\/([^/]+)\//.exec(path)?.[1] ?? null;
const edges = new Map<string, Set<string>>();
for (const m of result.modules) {
  const a = moduleOf(m.source);
  if (!a) continue;
  for (const d of m.dependencies) {
    const b = moduleOf(d.resolved);
    if (b && b !== a) edges.set(a, (edges.get(a) ?? new Set()).add(b));
  }
}
for (const loop of stronglyConnected(edges))
  if (loop.length > 1) problems.push(`module-cycle: ${loop.sort().join(' ⇄ ')}`);

if (problems.length) {
  console.error(`Aturan struktur dilanggar (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `Struktur bersih: ${result.modules.length} berkas, ${edges.size} modul dengan ketergantungan, tanpa siklus.`,
);

/** Tarjan's algorithm: the strongly connected components of the graph. */
function stronglyConnected(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      out.push(comp);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}
