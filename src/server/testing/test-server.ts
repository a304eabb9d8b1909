import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ATLASSIAN_BASE_URLS } from '../../atlassian/urls.ts';
import { createSecretBox } from '../../connections/credentials/secret-box.ts';
import type { TestDatabase } from '../../db/testing/test-database.ts';
import { createEventBus } from '../../jobs/events.ts';
import { createInProcessScanService } from '../../jobs/in-process-scan-service.ts';
import type { ScanService } from '../../jobs/scan-service.ts';
import { type BuildAppOptions, buildApp } from '../build-app.ts';
import type { ServerDeps, ServerSettings } from '../server-deps.ts';

// A server on a test database with a clock the test sets and a log the test reads.

export interface TestServer {
  app: FastifyInstance;
  deps: ServerDeps;
  /** Every JSON log line written so far. */
  logLines: () => string[];
  clock: { now: Date; advance(ms: number): void };
}

export interface TestServerOptions extends BuildAppOptions {
  /** The clock's start; `running: true` makes it run on from there at the wall clock's pace (scans, leases). */
  now?: Date;
  running?: boolean;
  settings?: Partial<ServerSettings>;
  scans?: ScanService;
}

export const TEST_NOW = new Date('2026-06-01T09:00:00.000Z');

export async function startTestServer(
  database: TestDatabase,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const clock = {
    now: options.now ?? TEST_NOW,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const secretBox = createSecretBox(randomBytes(32));
  const events = createEventBus();
  const startedAt = performance.now();
  const now = options.running
    ? () => new Date(clock.now.getTime() + (performance.now() - startedAt))
    : () => clock.now;
  const settings: ServerSettings = {
    publicUrl: 'http://127.0.0.1:8080',
    allowHosts: [],
    baseUrls: ATLASSIAN_BASE_URLS,
    scanIntervalMs: 6 * 3_600_000,
    excessiveSyncMs: 30 * 60_000,
    ...options.settings,
  };
  const deps: ServerDeps = {
    db: database.db,
    now,
    settings,
    secretBox,
    // The real service, not started: scans are queued and validated, none runs unless a test starts it.
    scans:
      options.scans ??
      createInProcessScanService({
        db: database.db,
        now,
        secretBox,
        events,
        allowHosts: settings.allowHosts,
        baseUrls: settings.baseUrls,
        scanIntervalMs: settings.scanIntervalMs,
      }),
    events,
    logStream,
  };
  const app = await buildApp(deps, options);
  await app.ready();
  return { app, deps, logLines: () => [...lines], clock };
}
