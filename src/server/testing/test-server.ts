import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ATLASSIAN_BASE_URLS } from '../../atlassian/urls.ts';
import { createSecretBox } from '../../connections/credentials/secret-box.ts';
import type { TestDatabase } from '../../db/testing/test-database.ts';
import { createEventBus } from '../../jobs/events.ts';
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
  now?: Date;
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
  const deps: ServerDeps = {
    db: database.db,
    now: () => clock.now,
    settings: {
      publicUrl: 'http://127.0.0.1:8080',
      allowHosts: [],
      baseUrls: ATLASSIAN_BASE_URLS,
      scanIntervalMs: 6 * 3_600_000,
      excessiveSyncMs: 30 * 60_000,
      ...options.settings,
    },
    secretBox: createSecretBox(randomBytes(32)),
    scans: options.scans ?? unavailableScans(),
    events: createEventBus(),
    logStream,
  };
  const app = await buildApp(deps, options);
  await app.ready();
  return { app, deps, logLines: () => [...lines], clock };
}

function unavailableScans(): ScanService {
  const refuse = async (): Promise<never> => {
    throw new Error('this test server runs no scans');
  };
  return { request: refuse, cancel: refuse, start() {}, stop: async () => {} };
}
