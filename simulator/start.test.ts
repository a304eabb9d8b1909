import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpoints } from '../src/atlassian/catalogue/index.ts';
import { useHarness } from './testing/harness.ts';

const h = useHarness();

test('every endpoint in the catalogue is served by some listener', () => {
  const missing = endpoints.map((e) => e.id).filter((id) => !h.sim.context.served.has(id));
  assert.deepEqual(missing, []);
});

test('the start information names every listener and the credentials to use', () => {
  const info = h.sim.info;
  assert.equal(info.sites.length, 2);
  assert.deepEqual(info.sites[0]?.products, { jira: 'STANDARD', confluence: 'PREMIUM' });
  const urls = [
    ...info.sites.map((s) => s.url),
    info.adminApiUrl,
    info.marketplaceUrl,
    info.authUrl,
    info.controlUrl,
  ];
  assert.equal(new Set(urls).size, urls.length, 'each host has its own listener');
  for (const url of urls) assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(info.credentials.admin.email, 'ada@acme.example');
  assert.ok(info.credentials.orgApiKey.length > 20);
  assert.equal(info.credentials.oauth.redirectUris.length, 2);
});

test('a path no host serves is a 404', async () => {
  const res = await h.get(`${h.siteA}/rest/api/3/does-not-exist`, h.adminBasic);
  assert.equal(res.status, 404);
});
