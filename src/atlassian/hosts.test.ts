import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHostPolicy } from './hosts.ts';

const allowed = (policy: ReturnType<typeof createHostPolicy>, url: string) => policy(new URL(url)).allowed;

test('Atlassian’s own hosts are reachable over https without any allow-listing', () => {
  const policy = createHostPolicy([]);
  for (const url of [
    'https://acme.atlassian.net/rest/api/3/myself',
    'https://acme-labs.eu.atlassian.net/wiki/api/v2/spaces',
    'https://api.atlassian.com/admin/v1/orgs',
    'https://marketplace.atlassian.com/rest/2/addons/x',
    'https://auth.atlassian.com/oauth/token',
    'https://api.bitbucket.org/2.0/workspaces/acme',
  ]) {
    assert.equal(allowed(policy, url), true, url);
  }
});

test('look-alike and other hosts are refused', () => {
  const policy = createHostPolicy([]);
  for (const url of [
    'https://atlassian.net/',
    'https://acme.atlassian.net.evil.example/',
    'https://evilatlassian.net/',
    'https://atlassian.com/',
    'https://www.atlassian.com/',
    'https://example.com/',
    'https://127.0.0.1/',
    'https://bitbucket.org/acme',
    'https://api.bitbucket.org.evil.example/',
  ]) {
    assert.equal(allowed(policy, url), false, url);
  }
});

test('Atlassian hosts must be reached over https on the default port', () => {
  const policy = createHostPolicy([]);
  assert.deepEqual(policy(new URL('http://acme.atlassian.net/')), {
    allowed: false,
    reason: 'acme.atlassian.net must be reached over https',
  });
  assert.equal(allowed(policy, 'https://api.atlassian.com:8443/'), false);
  assert.equal(allowed(policy, 'ftp://api.atlassian.com/'), false);
});

test('operator entries allow a host on any port, a host on one port, or a wildcard domain', () => {
  const policy = createHostPolicy(['127.0.0.1', 'sim.internal:8080', '*.dc.example']);
  assert.equal(allowed(policy, 'http://127.0.0.1:40001/rest'), true);
  assert.equal(allowed(policy, 'https://127.0.0.1/'), true);
  assert.equal(allowed(policy, 'http://sim.internal:8080/'), true);
  assert.equal(allowed(policy, 'http://sim.internal:8081/'), false);
  assert.equal(allowed(policy, 'http://sim.internal/'), false);
  assert.equal(allowed(policy, 'https://jira.dc.example/'), true);
  assert.equal(allowed(policy, 'https://dc.example/'), false);
  assert.equal(allowed(policy, 'http://localhost/'), false);
});

test('URLs carrying credentials are refused even for allowed hosts', () => {
  const policy = createHostPolicy([]);
  assert.equal(allowed(policy, 'https://user:secret@acme.atlassian.net/'), false);
});
