import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// Builds the web UI (web/ → web/dist) with Vite. `--if-stale` builds only when web/dist is
// missing or was built from other sources: a hash of web/'s sources and the lockfile is kept in
// web/dist/.source-hash. `npm start` runs it first (prestart), so a fresh clone serves the UI after
// `npm ci && npm start`; the browser tests call `ensureWebBuild()`. Builds go to a temporary folder
// renamed into place, under a lock folder, so parallel callers neither race nor serve half a build.

const ROOT = resolve(import.meta.dirname, '..');
export const WEB_DIR = join(ROOT, 'web');
export const WEB_DIST_DIR = join(WEB_DIR, 'dist');
const HASH_FILE = '.source-hash';
const LOCK = join(WEB_DIR, '.build-lock');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts'];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  const entries = readdirSync(path, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The hash of everything a build is made from. */
export function webSourceHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...SOURCES.flatMap((s) => {
      const path = join(WEB_DIR, s);
      return existsSync(path) && !path.endsWith('.html') && !path.endsWith('.ts') ? filesUnder(path) : [path];
    }),
    join(ROOT, 'package-lock.json'),
  ]
    .filter((f) => existsSync(f))
    .sort();
  for (const file of files) {
    hash.update(relative(ROOT, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function webBuildIsCurrent(hash = webSourceHash()): boolean {
  const file = join(WEB_DIST_DIR, HASH_FILE);
  return (
    existsSync(join(WEB_DIST_DIR, 'index.html')) && existsSync(file) && readFileSync(file, 'utf8') === hash
  );
}

async function withLock<T>(run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another process builds; a lock older than 5 minutes belongs to a build that died.
      if (Date.now() - started > 300_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    return await run();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds web/dist; returns the build's duration in milliseconds. */
export async function buildWeb(hash = webSourceHash()): Promise<number> {
  const started = performance.now();
  const { build } = await import('vite');
  const temporary = join(WEB_DIR, `.dist-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  await build({
    configFile: join(WEB_DIR, 'vite.config.ts'),
    root: WEB_DIR,
    logLevel: 'warn',
    build: { outDir: temporary, emptyOutDir: true },
  });
  writeFileSync(join(temporary, HASH_FILE), hash);
  rmSync(WEB_DIST_DIR, { recursive: true, force: true });
  renameSync(temporary, WEB_DIST_DIR);
  return performance.now() - started;
}

/** Builds web/dist unless it is current; says what it did. */
export async function ensureWebBuild(): Promise<{ built: boolean; ms: number }> {
  if (webBuildIsCurrent()) return { built: false, ms: 0 };
  return withLock(async () => {
    const hash = webSourceHash();
    if (webBuildIsCurrent(hash)) return { built: false, ms: 0 };
    return { built: true, ms: await buildWeb(hash) };
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== '--if-stale');
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown.join(' ')}. Usage: node scripts/build-web.ts [--if-stale]`);
    return 2;
  }
  if (argv.includes('--if-stale')) {
    const { built, ms } = await ensureWebBuild();
    console.error(
      built ? `Built the web UI in ${(ms / 1000).toFixed(1)} s.` : 'The web UI build is current.',
    );
    return 0;
  }
  const ms = await withLock(() => buildWeb());
  console.error(`Built the web UI in ${(ms / 1000).toFixed(1)} s.`);
  return 0;
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    },
  );
}
