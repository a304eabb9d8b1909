import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTenant } from '../../../simulator/tenant/build.ts';
import { type Harness, startHarness } from '../../../simulator/testing/harness.ts';
import { bitbucketSite, type SiteRef } from '../../atlassian/api.ts';
import { type AtlassianClient, createAtlassianClient } from '../../atlassian/client.ts';
import type { Credentials } from '../../atlassian/credentials.ts';
import { describedCollectors } from './index.ts';
import { minimumCalls } from './minimum-calls.ts';
import { NOW, syncAll } from './test-support.ts';

// The Bitbucket collectors against the demo's workspace `acme` (its planted misconfigurations
// beside clean repositories), through the real client and a workspace access token.

let h: Harness;
let api: AtlassianClient;
let site: SiteRef;
let token: string;
const bitbucketCollectors = describedCollectors().filter((c) => c.dataset.startsWith('bitbucket.'));

function clientWith(credentials: Credentials): AtlassianClient {
  return createAtlassianClient({
    credentials,
    allowHosts: [new URL(h.bitbucket).host],
    baseUrls: { bitbucket: h.bitbucket },
  });
}

before(async () => {
  h = await startHarness({ tenant: buildTenant({ scenario: 'demo' }, NOW) });
  const bb = h.sim.info.credentials.bitbucket;
  assert.ok(bb, 'the demo has a Bitbucket workspace');
  token = bb.accessToken;
  const ws = h.sim.context.state.tenant.bitbucket?.[0];
  assert.ok(ws);
  site = bitbucketSite(ws);
  api = clientWith({ bitbucket: { kind: 'access-token', token } });
});
after(async () => {
  await api.close();
  await h.stop();
});

type Rec = Record<string, unknown>;

test('a workspace access token reads every Bitbucket dataset of the workspace, in as few calls as the collectors say', async () => {
  const { inventory, calls } = await syncAll(bitbucketCollectors, { api, sites: [site], now: NOW });
  const read = (dataset: string) => inventory.records<Rec>(dataset, site.cloudId);

  const [workspace] = read('bitbucket.workspace');
  assert.equal(workspace?.slug, 'acme');
  assert.equal(workspace?.isPrivate, true);

  const members = read('bitbucket.members');
  assert.equal(members.filter((m) => m.permission === 'owner').length, 6);
  assert.ok(members.some((m) => m.permission === 'member'));

  const repositories = read('bitbucket.repositories');
  assert.equal(repositories.length, 8);
  const web = repositories.find((r) => r.fullName === 'acme/web');
  assert.deepEqual([web?.isPrivate, web?.forkPolicy], [false, 'allow_forks']);
  assert.ok(repositories.filter((r) => r.fullName !== 'acme/web').every((r) => r.isPrivate === true));

  const onMain = (repo: string) =>
    read('bitbucket.branch-restrictions').filter(
      (r) => r.repository === repo && r.appliesToMainBranch === true,
    );
  assert.deepEqual(onMain('acme/billing'), [], 'billing: nothing protects the main branch');
  assert.equal(
    onMain('acme/auth').some((r) => r.kind === 'force'),
    false,
    'auth: force pushes allowed',
  );
  assert.equal(
    onMain('acme/api').some((r) => r.kind === 'force'),
    true,
  );
  // A branching-model restriction (every third repository) applies through the main branch's type.
  assert.ok(onMain('acme/mobile').some((r) => r.branchMatchKind === 'branching_model' && r.kind === 'force'));
  // The release/* rule applies elsewhere.
  assert.ok(
    read('bitbucket.branch-restrictions').some(
      (r) => r.pattern === 'release/*' && r.appliesToMainBranch === false,
    ),
  );

  const keys = read('bitbucket.deploy-keys');
  const old = keys.find((k) => k.repository === 'acme/infra' && k.label === 'jenkins-legacy');
  assert.equal(old?.lastUsed, null);
  assert.equal(old?.algorithm, 'ssh-ed25519');
  assert.ok(keys.some((k) => k.level === 'project' && k.projectKey === 'CORE'));

  const hooks = read('bitbucket.webhooks');
  assert.ok(hooks.some((w) => w.repository === 'acme/data' && w.urlScheme === 'http' && w.signed === false));
  assert.ok(hooks.some((w) => w.level === 'workspace' && w.urlHost === 'webhook.site'));
  assert.ok(hooks.some((w) => w.urlHost === 'hooks.slack.com'));

  const variables = read('bitbucket.pipeline-variables');
  const leaked = variables.find((v) => v.repository === 'acme/search' && v.key === 'AWS_SECRET_ACCESS_KEY');
  assert.equal(leaked?.secured, false);
  assert.ok(
    variables.some((v) => v.level === 'deployment' && v.environment === 'Production' && v.secured === true),
  );
  assert.ok(variables.some((v) => v.level === 'workspace'));

  // Nothing a response carried as a secret reaches a record: no variable value, no webhook path.
  const stored = JSON.stringify([...inventory.data.values()]);
  for (const secret of ['wJalrXUtnFEMI', 'production', 'wsEvents', 'ssh-ed25519 AAAA', token]) {
    assert.equal(stored.includes(secret), false, secret);
  }

  const budget = minimumCalls(bitbucketCollectors, (d, s) => inventory.records(d, s), {
    org: false,
    sites: [site],
  });
  for (const [task, made] of calls) assert.equal(made, budget.byTask[task], task);
});

test("an admin's e-mail and API token reads the workspace as well", async () => {
  const admin = h.sim.info.credentials.admin;
  const basic = clientWith({ bitbucket: { kind: 'basic', email: admin.email, apiToken: admin.apiToken } });
  try {
    const { inventory } = await syncAll(bitbucketCollectors, { api: basic, sites: [site], now: NOW });
    assert.equal(inventory.records('bitbucket.repositories', site.cloudId).length, 8);
    assert.ok(inventory.records('bitbucket.webhooks', site.cloudId).length > 8);
  } finally {
    await basic.close();
  }
});

test('a plain member is refused what only workspace admins may read, and Bitbucket says so', async () => {
  const member = h.sim.info.credentials.member;
  const basic = clientWith({ bitbucket: { kind: 'basic', email: member.email, apiToken: member.apiToken } });
  try {
    const ws = await basic.call('bitbucket.workspace.get', { params: { workspace: 'acme' } });
    assert.equal(ws.slug, 'acme');
    await assert.rejects(
      basic.call('bitbucket.workspaceHooks.list', { params: { workspace: 'acme' } }),
      (error: Error & { code?: string }) => error.code === 'forbidden' && /administrator/.test(error.message),
    );
  } finally {
    await basic.close();
  }
});

test('a revoked or unknown access token is a rejected credential, its value never in the error', async () => {
  const bad = clientWith({ bitbucket: { kind: 'access-token', token: 'not-a-real-token-value' } });
  try {
    await assert.rejects(
      bad.call('bitbucket.workspace.get', { params: { workspace: 'acme' } }),
      (error: Error & { code?: string; serverMessage?: string }) =>
        error.code === 'credential_rejected' &&
        /Token is invalid/.test(error.serverMessage ?? '') &&
        !JSON.stringify(error).includes('not-a-real-token-value'),
    );
  } finally {
    await bad.close();
  }
});

test('lists page by the next link Bitbucket sends, every item once whatever the page size', async () => {
  const seen: string[] = [];
  let pages = 0;
  for await (const page of api.pages('bitbucket.workspacePermissions.list', {
    params: { workspace: 'acme' },
    pageSize: 5,
  })) {
    pages++;
    seen.push(...page.items.map((m) => m.user.uuid));
  }
  const total = h.sim.context.state.tenant.bitbucket?.[0]?.members.length ?? 0;
  assert.equal(seen.length, total);
  assert.equal(new Set(seen).size, total);
  assert.equal(pages, Math.ceil(total / 5));
});

test("under Bitbucket's rate limit the sync paces itself (or waits out a 429) and still reads everything", async () => {
  const limited = await startHarness({
    tenant: buildTenant({ scenario: 'demo' }, NOW),
    faults: { rules: [], rateLimit: { perSecond: 40, burst: 5, endpoints: ['bitbucket.*'] } },
  });
  const ws = limited.sim.context.state.tenant.bitbucket?.[0];
  const secret = limited.sim.info.credentials.bitbucket?.accessToken;
  assert.ok(ws && secret);
  const slow = createAtlassianClient({
    credentials: { bitbucket: { kind: 'access-token', token: secret } },
    allowHosts: [new URL(limited.bitbucket).host],
    baseUrls: { bitbucket: limited.bitbucket },
  });
  try {
    const where = bitbucketSite(ws);
    const { inventory } = await syncAll(bitbucketCollectors, { api: slow, sites: [where], now: NOW });
    assert.equal(inventory.records('bitbucket.repositories', where.cloudId).length, ws.repositories.length);
    const counters = await limited.json<{ statuses: Record<string, Record<string, number>> }>(
      `${limited.control}/counters`,
    );
    const served = Object.entries(counters.statuses).filter(([id]) => id.startsWith('bitbucket.'));
    assert.ok(served.length > 0);
    // Every call ended in a success or a 429 the client waited out: nothing else.
    for (const [id, byStatus] of served) {
      assert.deepEqual(
        Object.keys(byStatus).filter((s) => s !== '200' && s !== '429'),
        [],
        id,
      );
    }
  } finally {
    await slow.close();
    await limited.stop();
  }
});
