import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { RunningSimulator } from '../../simulator/start.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { scanRequestFor } from '../../src/connections/managed/scan-request.ts';
import type { TestDatabase } from '../../src/db/testing/test-database.ts';
import { runScan, type ScanResult } from '../../src/scan/run-scan.ts';
import type { ConnectionsFixture } from './connections-fixture.ts';

// The steps the tests of each connection kind added in the Integrations window share (a Bitbucket
// workspace, a Data Center instance): what differs per kind is the payload and what is asserted of
// the answer, so the payloads stay in the tests and only the round trips live here.

export function postConnection(f: ConnectionsFixture, payload: object): Promise<LightMyRequestResponse> {
  return f.call({ method: 'POST', url: '/api/v1/connections', payload });
}

/** The created connection's domains, as `[host, products]` pairs. */
export function domainsOf(connection: { domains: { host: string; products: string[] }[] }): unknown[] {
  return connection.domains.map((d) => [d.host, d.products]);
}

/** The connection's kind (and a workspace's credential) as `GET /api/v1/connections` lists it. */
export async function listedKind(f: ConnectionsFixture, connectionId: string): Promise<unknown> {
  const res = await f.call({ method: 'GET', url: '/api/v1/connections' });
  assert.equal(res.statusCode, 200, res.body);
  const listed = (
    res.json() as { connections: { id: string; kind: string; bitbucketCredential?: string }[] }
  ).connections.find((c) => c.id === connectionId);
  assert.ok(listed, `${connectionId} is listed`);
  return {
    kind: listed.kind,
    ...(listed.bitbucketCredential ? { bitbucketCredential: listed.bitbucketCredential } : {}),
  };
}

/** The datasets the permission check says the credential can read. */
export function readableDatasets(permissions: { dataset: string; readable: boolean }[]): string[] {
  return permissions.filter((p) => p.readable).map((p) => p.dataset);
}

/** Exactly one scan was requested, the first one, by the owner who added the connection. */
export function assertFirstScanRequested(f: ConnectionsFixture, connectionId: string): void {
  assert.deepEqual(f.scans.requests, [{ connectionId, trigger: 'first', by: f.users.owner.id }]);
}

/** A new credential is verified first: `wrong` is refused (422) and `right`, the working one, accepted. */
export async function assertCredentialReplacedOnlyByAWorkingOne(
  f: ConnectionsFixture,
  connectionId: string,
  wrong: object,
  right: object,
): Promise<void> {
  const url = `/api/v1/connections/${connectionId}/credentials`;
  const refused = await f.call({ method: 'PUT', url, payload: { ...wrong, confirm: true } });
  assert.equal(refused.statusCode, 422, refused.body);
  const accepted = await f.call({ method: 'PUT', url, payload: { ...right, confirm: true } });
  assert.equal(accepted.statusCode, 200, accepted.body);
}

/** What the scan worker does with the stored credential: one scan of the connection, which succeeds. */
export async function scanStoredConnection(
  f: ConnectionsFixture,
  database: TestDatabase,
  sim: RunningSimulator,
  connectionId: string,
): Promise<ScanResult> {
  const { allowHosts, baseUrls } = simConnection(sim.info);
  const now = () => new Date();
  const deps = { db: database.db, secretBox: f.server.deps.secretBox, allowHosts, baseUrls, now };
  const request = await scanRequestFor(deps, connectionId);
  const scanned = await runScan({ db: database.db, now, allowHosts, baseUrls }, request);
  assert.equal(scanned.connection.id, connectionId);
  assert.equal(scanned.sync.status, 'success');
  return scanned;
}

/** A refused connection leaves no row behind. */
export async function assertNoConnectionSaved(database: TestDatabase): Promise<void> {
  const rows = await database.db.selectFrom('connections').selectAll().execute();
  assert.deepEqual(rows, []);
}
