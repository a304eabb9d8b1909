import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataCenterTenant, servedDcSite } from '../testing/dc-tenant.ts';
import { useHarness } from '../testing/harness.ts';

// The control API's Data Center routes: a test fixes a misconfigured site the way an admin would.

const h = useHarness({ tenant: () => dataCenterTenant('misconfigured') });

test('upgrading and hardening a Jira DC site shows in what it serves', async () => {
  const jira = servedDcSite(h.sim, 'jira-data-center');
  const res = await h.send('PATCH', `${h.control}/tenant/data-center/${jira.name}`, {
    version: '11.3.2',
    security: { signupMode: 'private', captchaAfterFailedLogins: 3, webSudoEnabled: true },
    anonymous: false,
  });
  assert.equal(res.status, 200);
  const info = await h.json<{ version: string }>(`${jira.url}/rest/api/2/serverInfo`);
  assert.equal(info.version, '11.3.2');
  const props = await h.json<{ key: string; value: string }[]>(
    `${jira.url}/rest/api/2/application-properties`,
    jira.admin,
  );
  assert.equal(props.find((p) => p.key === 'jira.mode')?.value, 'private');
  assert.equal((await h.get(`${jira.url}/rest/api/2/user/picker?query=a`)).status, 401);
});

test('a bad patch is a 400 naming the field, an unknown site a 404', async () => {
  const bad = await h.send('PATCH', `${h.control}/tenant/data-center/acme-jira-dc`, { version: 'latest' });
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { error: { message: string } }).error.message, /^version: /);
  const unknown = await h.send('PATCH', `${h.control}/tenant/data-center/nope`, { anonymous: true });
  assert.equal(unknown.status, 404);
});

test('the Data Center sites are listed with their settings and plugins', async () => {
  const sites = await h.json<{ name: string; plugins: unknown[] }[]>(`${h.control}/tenant/data-center`);
  assert.deepEqual(
    sites.map((s) => s.name),
    ['acme-jira-dc', 'acme-confluence-dc'],
  );
  assert.ok(sites.every((s) => s.plugins.length > 0));
});
