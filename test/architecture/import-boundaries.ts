import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The folder boundaries of src/: which top-level folder may import which, read from the table in
// src/README.md (the one place a reader looks), and the imports the code actually makes.

export const SRC = resolve(import.meta.dirname, '../../src');

/** What a folder may import: each allowed folder, and whether only `import type` is allowed. */
export type Allowed = ReadonlyMap<string, 'all' | 'types'>;

export interface ImportEdge {
  file: string;
  from: string;
  to: string;
  typeOnly: boolean;
}

/**
 * Parses the `| Folder | What lives here | May import |` table: each folder is a backticked
 * `name/`; "May import" lists backticked folders, each optionally followed by "types", or says
 * "—" (nothing) or "everything above" (every folder of an earlier row).
 */
export function allowedImports(readme: string): Map<string, Allowed> {
  const rows = readme
    .split('\n')
    .filter((line) => /^\|\s*`[^`]+\/`\s*\|/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  const table = new Map<string, Allowed>();
  const seen: string[] = [];
  for (const cells of rows) {
    const folder = (cells[1] ?? '').replace(/`/g, '').replace(/\/$/, '');
    const said = cells[3] ?? '';
    const allowed = new Map<string, 'all' | 'types'>();
    if (/everything above/.test(said)) for (const f of seen) allowed.set(f, 'all');
    for (const m of said.matchAll(/`([^`]+?)\/?`(\s+types)?/g)) {
      allowed.set((m[1] ?? '').replace(/\/$/, ''), m[2] ? 'types' : 'all');
    }
    if (table.has(folder)) throw new Error(`src/README.md lists ${folder}/ twice`);
    table.set(folder, allowed);
    seen.push(folder);
  }
  return table;
}

/** Code that ships: tests and test helpers may reach further (the simulator, fixtures). */
export function isTestCode(path: string): boolean {
  return (
    /\.test\.ts$/.test(path) ||
    /(^|\/)testing\//.test(path) ||
    /test-support(\.[\w-]+)?\.ts$/.test(path) ||
    /\.test-support\.ts$/.test(path)
  );
}

export function sourceFiles(dir = SRC): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/**
 * The unit a path inside src/ belongs to: the longest folder of the table that holds it (so
 * `app-risk/model/` is a unit of its own), else its first folder, or the file itself at the root.
 */
export function unitOf(path: string, units: readonly string[] = []): string {
  const rel = relative(SRC, path);
  if (rel.startsWith('..')) return rel.startsWith('../simulator/') ? 'simulator' : `outside:${rel}`;
  const longest = units.filter((u) => rel.startsWith(`${u}/`)).sort((a, b) => b.length - a.length)[0];
  if (longest) return longest;
  const [first] = rel.split('/');
  return first ?? rel;
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every relative import of a file, with the unit on each side. */
export function importsOf(file: string, units: readonly string[] = []): ImportEdge[] {
  const text = readFileSync(file, 'utf8');
  const from = unitOf(file, units);
  const edges: ImportEdge[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    if (!spec.startsWith('.')) return;
    const to = unitOf(resolve(dirname(file), spec), units);
    if (to !== from) edges.push({ file: relative(SRC, file), from, to, typeOnly });
  };
  for (const m of text.matchAll(IMPORT)) add(m[3] ?? '', Boolean(m[2]));
  for (const m of text.matchAll(DYNAMIC)) add(m[1] ?? '', false);
  return edges;
}

/** The groups of folders that import each other in a circle (strongly connected, more than one). */
export function cycles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!graph.has(e.from)) graph.set(e.from, new Set());
    if (!graph.has(e.to)) graph.set(e.to, new Set());
    graph.get(e.from)?.add(e.to);
  }
  // Tarjan's algorithm.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      for (;;) {
        const member = stack.pop() as string;
        onStack.delete(member);
        group.push(member);
        if (member === node) break;
      }
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return groups;
}
