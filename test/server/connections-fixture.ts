import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { RunningSimulator } from '../../simulator/start.ts';
import { issuedSecrets } from '../../simulator/start-info.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import type { Role } from '../../src/db/schema-server.ts';
import type { TestDatabase } from '../../src/db/testing/test-database.ts';
import type { ScanRecord, ScanService } from '../../src/jobs/scan-service.ts';
import { startTestServer, type TestServer } from '../../src/server/testing/test-server.ts';

// A server on a test database, pointed at a running simulator (its hosts allow-listed), with a
// person of each role holding a personal API token, and a scan service that records requests.
// Every answer is checked for the secrets the test used: no response may contain one.

export interface ScanRequestLog {
  requests: { connectionId: string; trigger: string; by: string | null }[];
  cancels: { connectionId: string; scanId: string }[];
}

export function recordingScans(): ScanService & ScanRequestLog {
  const requests: ScanRequestLog['requests'] = [];
  const cancels: ScanRequestLog['cancels'] = [];
  return {
    requests,
    cancels,
    async request(input) {
      requests.push(input);
      const record: ScanRecord = {
        id: `scan-${requests.length}`,
        connectionId: input.connectionId,
        trigger: input.trigger,
        requestedBy: input.by,
        status: 'queued',
        reason: null,
        progress: null,
        queuedAt: new Date(0).toISOString(),
        startedAt: null,
        finishedAt: null,
        durationSeconds: null,
        snapshotVersion: null,
        calls: 0,
        retries: 0,
        rateLimited: 0,
      };
      return record;
    },
    async cancel(input) {
      cancels.push(input);
      throw new Error('not running');
    },
    start() {},
    async stop() {},
  };
}

export interface ConnectionsFixture {
  server: TestServer;
  scans: ReturnType<typeof recordingScans>;
  /** Sends a request as the person of that role (default owner) and checks no secret is in the answer. */
  call(options: InjectOptions & { as?: Role }): Promise<LightMyRequestResponse>;
  users: Record<Role, { id: string; name: string }>;
  /** Fails when a secret is stored in the clear: audit entries, profiles, credential rows (sealed). */
  assertNoSecretStored(): Promise<void>;
}

export async function connectionsFixture(
  t: TestContext,
  database: TestDatabase,
  sim: RunningSimulator,
): Promise<ConnectionsFixture> {
  const scans = recordingScans();
  const { allowHosts, baseUrls } = simConnection(sim.info);
  const server = await startTestServer(database, { scans, settings: { allowHosts, baseUrls } });
  t.after(() => server.app.close());
  // Every credential the simulator handed out, the OAuth client secret included.
  const secrets = issuedSecrets(sim.info);
  // Nor may any log line, whatever the test did.
  t.after(() => {
    for (const line of server.logLines()) {
      for (const secret of secrets)
        assert.ok(!line.includes(secret), `a log line holds a secret: ${line.slice(0, 120)}`);
    }
  });
  const tokens = {} as Record<Role, string>;
  const users = {} as Record<Role, { id: string; name: string }>;
  for (const role of ['owner', 'admin', 'analyst', 'viewer'] as const) {
    const id = `user-${role}`;
    const name = `The ${role}`;
    const token = `pls_${randomBytes(24).toString('base64url')}`;
    const at = server.clock.now.toISOString();
    await database.db
      .insertInto('users')
      .values({
        id,
        email: `${role}@palisade.test`,
        name,
        role,
        rights: '[]',
        password_hash: null,
        created_at: at,
        created_by: null,
        updated_at: at,
        disabled_at: null,
      })
      .execute();
    await database.db
      .insertInto('api_tokens')
      .values({
        id: `token-${role}`,
        user_id: id,
        name: 'tests',
        role,
        token_hash: createHash('sha256').update(token).digest('hex'),
        last4: token.slice(-4),
        created_at: at,
        expires_at: '2099-01-01T00:00:00.000Z',
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    tokens[role] = token;
    users[role] = { id, name };
  }
  return {
    server,
    scans,
    users,
    async assertNoSecretStored() {
      const stored = JSON.stringify([
        await database.db.selectFrom('audit_log').selectAll().execute(),
        await database.db.selectFrom('connection_profiles').selectAll().execute(),
        await database.db.selectFrom('connection_credentials').selectAll().execute(),
        await database.db.selectFrom('connections').selectAll().execute(),
      ]);
      for (const secret of secrets) assert.ok(!stored.includes(secret), 'a secret is stored in the clear');
    },
    async call({ as = 'owner', ...options }) {
      const res = await server.app.inject({
        ...options,
        headers: { ...options.headers, authorization: `Bearer ${tokens[as]}` },
      });
      for (const secret of secrets) {
        assert.ok(!res.body.includes(secret), `${options.method} ${options.url} answered with a secret`);
      }
      return res;
    },
  };
}
