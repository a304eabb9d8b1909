import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dataCenterTenant, servedDcSite } from '../testing/dc-tenant.ts';
import { useHarness } from '../testing/harness.ts';

// Confluence Data Center, and what both DC products serve alike (audit configuration,
// application links), on a clean and a misconfigured site.

describe('a misconfigured Confluence Data Center site', () => {
  const h = useHarness({ tenant: () => dataCenterTenant('misconfigured') });
  const conf = () => servedDcSite(h.sim, 'confluence-data-center');

  test('the applinks manifest tells anyone the end-of-life version and public sign-up', async () => {
    const manifest = await h.json<Record<string, unknown>>(`${conf().url}/rest/applinks/1.0/manifest`);
    assert.equal(manifest.version, '7.19.8');
    assert.equal(manifest.typeId, 'confluence');
    assert.equal(manifest.publicSignup, true);
  });

  test('anonymous callers list the spaces', async () => {
    const page = await h.json<{ results: { key: string }[] }>(`${conf().url}/rest/api/space`);
    assert.deepEqual(
      page.results.map((s) => s.key),
      ['ENG', 'HR'],
    );
  });

  test('the security settings show WebSudo off, no CAPTCHA and no password policy', async () => {
    const s = await h.json<{
      webSudo: { enabled: boolean };
      captcha: { enabled: boolean };
      passwordPolicy: { level: string };
    }>(`${conf().url}/rest/api/settings/security`, conf().admin);
    assert.equal(s.webSudo.enabled, false);
    assert.equal(s.captcha.enabled, false);
    assert.equal(s.passwordPolicy.level, 'disabled');
  });

  test('with the audit plugin disabled, the audit configuration is gone (404)', async () => {
    const res = await h.get(`${conf().url}/rest/auditing/1.0/configuration/coverage`, conf().admin);
    assert.equal(res.status, 404);
  });

  test('the Jira site records almost nothing and keeps it 30 days', async () => {
    const jira = servedDcSite(h.sim, 'jira-data-center');
    const coverage = await h.json<{ levelByArea: Record<string, string> }>(
      `${jira.url}/rest/auditing/1.0/configuration/coverage`,
      jira.admin,
    );
    assert.equal(coverage.levelByArea.SECURITY, 'OFF');
    const retention = await h.json<{ period: string }>(
      `${jira.url}/rest/auditing/1.0/configuration/retention`,
      jira.admin,
    );
    assert.equal(retention.period, 'P30D');
  });

  test('an application link points at a host nobody at Acme runs, with trusted-apps authentication', async () => {
    const links = await h.json<{
      list: { application: { rpcUrl: string }; configuredOutboundAuthenticators: string[] }[];
    }>(`${conf().url}/rest/applinks/1.0/listApplicationlinks`, conf().admin);
    const unknown = links.list.find((l) => l.application.rpcUrl.includes('partner-cloud.example'));
    assert.ok(unknown);
    assert.ok(
      unknown.configuredOutboundAuthenticators.some((a) => a.endsWith('TrustedAppsAuthenticationProvider')),
    );
  });

  test('six people are in confluence-system-administrators, paged with start and limit', async () => {
    const names: string[] = [];
    let next: string | undefined = '/rest/api/group/confluence-system-administrators/member?limit=4';
    while (next) {
      const page: { results: { username: string; status: string }[]; _links: { next?: string } } =
        await h.json(`${conf().url}${next}`, conf().admin);
      names.push(...page.results.filter((r) => r.status === 'current').map((r) => r.username));
      next = page._links.next;
    }
    assert.equal(names.length, 6);
  });
});

describe('a clean Confluence Data Center site', () => {
  const h = useHarness({ tenant: () => dataCenterTenant('clean') });
  const conf = () => servedDcSite(h.sim, 'confluence-data-center');

  test('anonymous callers are refused the spaces', async () => {
    const res = await h.get(`${conf().url}/rest/api/space`);
    assert.equal(res.status, 401);
    const body = (await res.json()) as { statusCode: number };
    assert.equal(body.statusCode, 401);
  });

  test('audit covers every area and keeps three years', async () => {
    const coverage = await h.json<{ levelByArea: Record<string, string> }>(
      `${conf().url}/rest/auditing/1.0/configuration/coverage`,
      conf().admin,
    );
    assert.ok(Object.values(coverage.levelByArea).every((l) => l !== 'OFF'));
    const retention = await h.json<{ period: string }>(
      `${conf().url}/rest/auditing/1.0/configuration/retention`,
      conf().admin,
    );
    assert.equal(retention.period, 'P3Y');
  });

  test('a plain user gets 403 from the admin resources', async () => {
    for (const path of [
      '/rest/api/settings/security',
      '/rest/api/permissions',
      '/rest/auditing/1.0/configuration/retention',
      '/rest/applinks/1.0/listApplicationlinks',
    ]) {
      const res = await h.get(`${conf().url}${path}`, conf().user);
      assert.equal(res.status, 403, path);
    }
  });

  test('Jira’s resources do not exist on the Confluence site', async () => {
    const res = await h.get(`${conf().url}/rest/api/2/serverInfo`);
    assert.equal(res.status, 404);
  });
});
