import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Kysely } from 'kysely';
import { type RunningSimulator, startSimulator } from '../../simulator/start.ts';
import type { BitbucketWorkspace } from '../../simulator/tenant/bitbucket-model.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import type { BitbucketCredential } from '../../src/atlassian/credentials.ts';
import type { BitbucketConnectRequest } from '../../src/connections/connect-bitbucket.ts';
import type { Database } from '../../src/db/schema.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { describeError } from '../../src/errors.ts';
import { snapshotOutcomes } from '../../src/inventory/dataset-outcomes.ts';
import { readDataset } from '../../src/inventory/read-dataset.ts';
import { runScan, type ScanDeps } from '../../src/scan/run-scan.ts';

// A Bitbucket Cloud workspace connected and scanned end to end, on both databases: the demo's
// workspace `acme` in the simulator, through `runScan` with a workspace access token and with an
// admin's e-mail and API token. The snapshot holds every Bitbucket dataset as the tenant has it,
// the planted misconfigurations among them; nothing of Jira, Confluence or the org is asked for.

const BUILT = new Date('2026-06-01T12:00:00Z');
let sim: RunningSimulator;
let workspace: BitbucketWorkspace;
let deps: (db: Kysely<Database>) => ScanDeps;

before(async () => {
  sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, BUILT) });
  const found = sim.context.state.tenant.bitbucket?.[0];
  assert.ok(found, 'the demo has a Bitbucket workspace');
  workspace = found;
  const started = Date.now();
  const now = () => new Date(BUILT.getTime() + (Date.now() - started));
  const { allowHosts, baseUrls } = simConnection(sim.info);
  deps = (db) => ({ db, now, allowHosts, baseUrls });
});
after(() => sim.stop());

function request(credential: BitbucketCredential): BitbucketConnectRequest {
  return { kind: 'bitbucket', workspace: 'acme', credential };
}

function accessToken(): BitbucketCredential {
  const token = sim.info.credentials.bitbucket?.accessToken;
  assert.ok(token);
  return { kind: 'access-token', token };
}

type Rec = Record<string, unknown>;

async function records(db: Kysely<Database>, connectionId: string, dataset: string): Promise<Rec[]> {
  return (await readDataset<Rec>(db, connectionId, dataset)).map((i) => i.data);
}

forEachDatabase(
  'a workspace access token connects the workspace and a scan stores every Bitbucket dataset of it',
  async (_t, { db }) => {
    const result = await runScan(deps(db), { connection: request(accessToken()) });
    const id = result.connection.id;
    assert.equal(id, `bitbucket-${workspace.uuid.replace(/[{}]/g, '')}`);
    assert.equal(result.connection.name, 'Acme (Bitbucket)');
    assert.deepEqual(
      result.connection.sites.map((s) => [s.url, s.products]),
      [['https://bitbucket.org/acme', ['bitbucket']]],
    );
    assert.equal(result.sync.status, 'success');
    assert.equal(result.snapshotVersion, 1);

    // Every Bitbucket dataset read whole; the org's skipped for want of an org key; nothing else planned.
    const outcomes = await snapshotOutcomes(db, id, result.snapshotVersion);
    const bitbucket = outcomes.filter((o) => o.dataset.startsWith('bitbucket.'));
    assert.deepEqual(
      bitbucket.map((o) => [o.dataset, o.status]).sort(),
      [
        'bitbucket.branch-restrictions',
        'bitbucket.deploy-keys',
        'bitbucket.members',
        'bitbucket.pipeline-variables',
        'bitbucket.projects',
        'bitbucket.repositories',
        'bitbucket.webhooks',
        'bitbucket.workspace',
      ].map((d) => [d, 'ok']),
    );
    const others = outcomes.filter((o) => !o.dataset.startsWith('bitbucket.'));
    assert.ok(
      others.every((o) => o.scope === 'org' && o.status === 'forbidden'),
      JSON.stringify(others),
    );

    const [ws] = await records(db, id, 'bitbucket.workspace');
    assert.deepEqual([ws?.slug, ws?.uuid, ws?.isPrivate], ['acme', workspace.uuid, true]);
    const repositories = await records(db, id, 'bitbucket.repositories');
    assert.deepEqual(
      repositories.map((r) => r.fullName).sort(),
      workspace.repositories.map((r) => `acme/${r.slug}`).sort(),
    );
    assert.deepEqual(
      repositories.filter((r) => r.isPrivate === false).map((r) => r.fullName),
      ['acme/web'],
    );
    const members = await records(db, id, 'bitbucket.members');
    assert.equal(members.length, workspace.members.length);
    assert.equal(members.filter((m) => m.permission === 'owner').length, 6);

    const restrictions = await records(db, id, 'bitbucket.branch-restrictions');
    const guards = (repo: string) =>
      restrictions.filter((r) => r.repository === repo && r.appliesToMainBranch === true).map((r) => r.kind);
    assert.deepEqual(guards('acme/billing'), []);
    assert.equal(guards('acme/auth').includes('force'), false);
    assert.ok(guards('acme/api').includes('force'));

    const keys = await records(db, id, 'bitbucket.deploy-keys');
    assert.ok(keys.some((k) => k.repository === 'acme/infra' && k.lastUsed === null));
    const hooks = await records(db, id, 'bitbucket.webhooks');
    assert.ok(hooks.some((h) => h.urlScheme === 'http' && h.repository === 'acme/data'));
    assert.ok(hooks.some((h) => h.urlHost === 'webhook.site' && h.level === 'workspace'));
    const variables = await records(db, id, 'bitbucket.pipeline-variables');
    assert.ok(variables.some((v) => v.key === 'AWS_SECRET_ACCESS_KEY' && v.secured === false));

    // The planted misconfigurations are findings: the public repository, the unprotected default
    // branch, the plain-http webhook and the unsecured secret-named Pipelines variable.
    const failing = (ruleId: string) =>
      result.report.results.filter((r) => r.ruleId === ruleId && r.status === 'fail');
    const publicRepos = failing('bb_no_public_repos');
    assert.equal(publicRepos.length, 1, JSON.stringify(publicRepos));
    assert.match(JSON.stringify(publicRepos[0]?.resource), /web/);
    assert.ok(
      failing('bb_default_branch_protected').some((r) => /billing/.test(JSON.stringify(r.resource))),
      'the billing repository has no restriction on its main branch',
    );
    assert.ok(failing('bb_webhooks_https').some((r) => /data/.test(JSON.stringify(r))));
    assert.ok(
      failing('bb_pipeline_secrets_secured').some((r) => /AWS_SECRET_ACCESS_KEY/.test(JSON.stringify(r))),
    );

    // The report names the connection; no credential and no variable value is stored anywhere.
    assert.match(JSON.stringify(result.report), /Acme \(Bitbucket\)/);
    const stored = JSON.stringify(await db.selectFrom('inventory_items').select('data').execute());
    for (const secret of [
      accessToken().kind === 'access-token' ? sim.info.credentials.bitbucket?.accessToken : '',
      'wJalrXUtnFEMI',
    ]) {
      assert.ok(secret && !stored.includes(secret));
    }
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'the clean repositories enforce merge checks and rotate their keys; only the planted ones fail those rules',
  async (_t, { db }) => {
    const result = await runScan(deps(db), { connection: request(accessToken()) });
    const verdicts = (ruleId: string) =>
      Object.fromEntries(
        result.report.results.filter((r) => r.ruleId === ruleId).map((r) => [r.resource.name, r.status]),
      );
    // Misconfiguration 21 strips billing's main branch of every restriction, merge checks included.
    const planted = 'acme/billing';
    assert.deepEqual(
      verdicts('bb_merge_checks_enforced'),
      Object.fromEntries(
        workspace.repositories.map((r) => [`acme/${r.slug}`, `acme/${r.slug}` === planted ? 'fail' : 'pass']),
      ),
    );
    const merges = result.report.results.find(
      (r) => r.ruleId === 'bb_merge_checks_enforced' && r.resource.name === 'acme/api',
    );
    assert.match(merges?.message ?? '', /merges need passing builds and fresh approvals \(enforced\)/);
    // Misconfiguration 23 adds infra's 900-day-old key; every other key is inside the 180 days.
    const keys = verdicts('bb_keys_rotated');
    assert.ok(Object.keys(keys).length >= 4, JSON.stringify(keys));
    assert.deepEqual(
      Object.entries(keys).filter(([, status]) => status !== 'pass'),
      [['jenkins-legacy (acme/infra)', 'fail']],
    );
  },
  { timeout: 60_000 },
);

forEachDatabase(
  "an admin's e-mail and API token scans the same workspace into the same history",
  async (_t, { db }) => {
    const first = await runScan(deps(db), { connection: request(accessToken()) });
    const admin = sim.info.credentials.admin;
    const second = await runScan(deps(db), {
      connection: request({ kind: 'basic', email: admin.email, apiToken: admin.apiToken }),
    });
    assert.equal(second.connection.id, first.connection.id);
    assert.equal(second.snapshotVersion, 2);
    const outcomes = await snapshotOutcomes(db, second.connection.id, 2);
    assert.ok(outcomes.filter((o) => o.dataset.startsWith('bitbucket.')).every((o) => o.status === 'ok'));
  },
  { timeout: 60_000 },
);

forEachDatabase(
  "a member's API token scans what members may read; the admin-only datasets are forbidden, saying why",
  async (_t, { db }) => {
    const member = sim.info.credentials.member;
    const result = await runScan(deps(db), {
      connection: request({ kind: 'basic', email: member.email, apiToken: member.apiToken }),
    });
    const outcomes = await snapshotOutcomes(db, result.connection.id, result.snapshotVersion);
    const status = Object.fromEntries(
      outcomes.filter((o) => o.dataset.startsWith('bitbucket.')).map((o) => [o.dataset, o.status]),
    );
    assert.equal(status['bitbucket.repositories'], 'ok');
    assert.equal(status['bitbucket.members'], 'ok');
    assert.equal(status['bitbucket.webhooks'], 'forbidden');
    assert.equal(status['bitbucket.branch-restrictions'], 'forbidden');
    const hooks = outcomes.find((o) => o.dataset === 'bitbucket.webhooks');
    assert.match(hooks?.reason ?? '', /administrator/);
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'a wrong workspace or a rejected token fails before any scan, naming what to fix',
  async (_t, { db }) => {
    await assert.rejects(
      runScan(deps(db), { connection: { ...request(accessToken()), workspace: 'no-such-workspace' } }),
      (error: unknown) => /no workspace no-such-workspace/.test(describeError(error)),
    );
    await assert.rejects(
      runScan(deps(db), { connection: request({ kind: 'access-token', token: 'revoked-or-never-issued' }) }),
      (error: unknown) =>
        /rejected the credential for workspace acme/.test(describeError(error)) &&
        !describeError(error).includes('revoked-or-never-issued'),
    );
  },
);
