import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dataCenterTenant, servedDcSite } from '../testing/dc-tenant.ts';
import { useHarness } from '../testing/harness.ts';

// Jira Data Center on its own listener: PAT auth, admin-only resources, the anonymous probes and
// the settings a clean and a misconfigured site carry.

interface Property {
  key: string;
  value: string;
}

describe('a misconfigured Jira Data Center site', () => {
  const h = useHarness({ tenant: () => dataCenterTenant('misconfigured') });
  const jira = () => servedDcSite(h.sim, 'jira-data-center');

  test('serverInfo tells anyone the end-of-life version and the base URL', async () => {
    const info = await h.json<Record<string, unknown>>(`${jira().url}/rest/api/2/serverInfo`);
    assert.equal(info.version, '8.20.10');
    assert.deepEqual(info.versionNumbers, [8, 20, 10]);
    // The configured base URL, not the listener the call came to.
    assert.equal(info.baseUrl, `https://${jira().host}`);
    assert.equal(info.deploymentType, 'Server');
  });

  test('the application properties show public sign-up, no CAPTCHA and WebSudo disabled', async () => {
    const props = await h.json<Property[]>(`${jira().url}/rest/api/2/application-properties`, jira().admin);
    const value = (key: string) => props.find((p) => p.key === key)?.value;
    assert.equal(value('jira.mode'), 'public');
    assert.equal(value('jira.maximum.authentication.attempts.allowed'), '');
    assert.equal(value('jira.websudo.is.disabled'), 'true');
    assert.equal(value('atlassian.pats.eternal.tokens.enabled'), 'true');
  });

  test('the user picker answers an anonymous caller with users', async () => {
    const res = await h.get(`${jira().url}/rest/api/2/user/picker?query=a`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { users: { name: string }[] };
    assert.ok(body.users.length > 0);
  });

  test('seven people hold SYSTEM_ADMIN through the system administrators group', async () => {
    const grants = await h.json<{
      globalPermissions: { permission: string; holders: { type: string; parameter?: string }[] }[];
    }>(`${jira().url}/rest/api/2/permissions/global`, jira().admin);
    const group = grants.globalPermissions.find((g) => g.permission === 'SYSTEM_ADMIN')?.holders[0]
      ?.parameter;
    assert.equal(group, 'jira-system-administrators');
    const page = await h.json<{
      values: { name: string; active: boolean }[];
      isLast: boolean;
      total: number;
    }>(`${jira().url}/rest/api/2/group/member?groupname=${group}`, jira().admin);
    assert.equal(page.values.length, 7);
    assert.equal(page.isLast, true);
  });
});

describe('a clean Jira Data Center site', () => {
  const h = useHarness({ tenant: () => dataCenterTenant('clean') });
  const jira = () => servedDcSite(h.sim, 'jira-data-center');

  test('a supported version, private mode, CAPTCHA after 3 failures and WebSudo on', async () => {
    const info = await h.json<{ version: string }>(`${jira().url}/rest/api/2/serverInfo`, jira().admin);
    assert.equal(info.version, '11.3.2');
    const props = await h.json<Property[]>(`${jira().url}/rest/api/2/application-properties`, jira().admin);
    const value = (key: string) => props.find((p) => p.key === key)?.value;
    assert.equal(value('jira.mode'), 'private');
    assert.equal(value('jira.maximum.authentication.attempts.allowed'), '3');
    assert.equal(value('jira.websudo.is.disabled'), 'false');
  });

  test('the user picker refuses an anonymous caller', async () => {
    const res = await h.get(`${jira().url}/rest/api/2/user/picker?query=a`);
    assert.equal(res.status, 401);
  });

  test('a wrong token is a 401 in Jira’s error format, never an anonymous answer', async () => {
    const res = await h.get(`${jira().url}/rest/api/2/serverInfo`, 'Bearer not-a-real-token');
    assert.equal(res.status, 401);
    const body = (await res.json()) as { errorMessages: string[] };
    assert.equal(body.errorMessages.length, 1);
  });

  test('a token of the Confluence site is refused on the Jira site', async () => {
    const confluence = servedDcSite(h.sim, 'confluence-data-center');
    const res = await h.get(`${jira().url}/rest/api/2/mypermissions`, confluence.admin);
    assert.equal(res.status, 401);
  });

  test('a plain user’s token reads its permissions but gets 403 from the admin resources', async () => {
    const mine = await h.json<{ permissions: Record<string, { havePermission: boolean }> }>(
      `${jira().url}/rest/api/2/mypermissions`,
      jira().user,
    );
    assert.equal(mine.permissions.ADMINISTER?.havePermission, false);
    assert.equal(mine.permissions.USE?.havePermission, true);
    for (const path of ['application-properties', 'permissions/global', 'directory']) {
      const res = await h.get(`${jira().url}/rest/api/2/${path}`, jira().user);
      assert.equal(res.status, 403, path);
    }
  });

  test('the administrator’s token holds ADMINISTER and SYSTEM_ADMIN', async () => {
    const mine = await h.json<{ permissions: Record<string, { havePermission: boolean }> }>(
      `${jira().url}/rest/api/2/mypermissions`,
      jira().admin,
    );
    assert.equal(mine.permissions.ADMINISTER?.havePermission, true);
    assert.equal(mine.permissions.SYSTEM_ADMIN?.havePermission, true);
  });

  test('group members page with startAt and maxResults until isLast', async () => {
    const names: string[] = [];
    for (let startAt = 0, last = false; !last; startAt += 2) {
      const page = await h.json<{ values: { name: string }[]; isLast: boolean }>(
        `${jira().url}/rest/api/2/group/member?groupname=jira-software-users&maxResults=2&startAt=${startAt}`,
        jira().admin,
      );
      assert.ok(page.values.length <= 2);
      names.push(...page.values.map((v) => v.name));
      last = page.isLast;
    }
    assert.deepEqual(names, ['dc.admin', 'rpatel', 'jsmith', 'mchen', 'lgarcia']);
  });

  test('Confluence’s resources do not exist on the Jira site', async () => {
    const res = await h.get(`${jira().url}/rest/api/space`, jira().admin);
    assert.equal(res.status, 404);
  });

  test('user directories are listed in order, the internal one first', async () => {
    const dirs = await h.json<{ name: string; type: string; position: number }[]>(
      `${jira().url}/rest/api/2/directory`,
      jira().admin,
    );
    assert.deepEqual(
      dirs.map((d) => [d.type, d.position]),
      [
        ['INTERNAL', 1],
        ['CONNECTOR', 2],
      ],
    );
  });
});
