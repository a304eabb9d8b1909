import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AREA_IDS, PRODUCTS as SERVER_PRODUCTS } from '../../src/rules/areas.ts';
import { AREAS, PRODUCTS } from '../../web/src/features/findings/findings-filters.ts';
import { kindOfChoice } from '../../web/src/features/integrations/choices.ts';
import {
  connectionsOfKind,
  countOf,
  keyFieldOf,
  productLabel,
} from '../../web/src/features/integrations/kinds.ts';
import type { Connection } from '../../web/src/features/integrations/types.ts';

// The Integrations window's rows by kind: which row a connection is listed in and how a row counts
// its domains (its worst last sync is the server's, test/server/connections-view.test.ts); and the
// Findings filters offering every product and area the server accepts.

function connection(
  id: string,
  kind: Connection['kind'],
  domains: { host: string; products: string[]; at?: string; excessive?: boolean }[],
): Connection {
  return {
    id,
    orgId: null,
    orgName: id,
    kind,
    method: 'api-token',
    apiKey: { last4: '1234' },
    firstConnected: { at: '2026-12-01T00:00:00.000Z', by: null },
    lastSync: null,
    status: { state: 'success' },
    domains: domains.map((d) => ({
      host: d.host,
      cloudId: `${id}/${d.host}`,
      products: d.products as Connection['domains'][number]['products'],
      lastSync: d.at ? { at: d.at, durationSeconds: 10, excessive: d.excessive ?? false } : null,
      status: { state: 'success' },
    })),
    writeConsent: { granted: false },
    scanIntervalSeconds: 86_400,
  };
}

const acme = connection('acme', 'atlassian', [
  { host: 'acme.atlassian.net', products: ['jira', 'confluence'], at: '2026-12-06T10:00:00.000Z' },
  { host: 'acme-eu.atlassian.net', products: ['jira'], at: '2026-12-06T08:00:00.000Z' },
]);
const workspace = connection('bitbucket-1', 'bitbucket', [
  { host: 'bitbucket.org', products: ['bitbucket'], at: '2026-12-06T09:00:00.000Z' },
]);
const jiraDc = connection('dc-jira', 'data-center', [
  { host: 'jira.acme.test', products: ['jira-data-center'] },
]);
const keyOnly = connection('org-key-only', 'atlassian', []);

test('each connection is listed in the row of the kind the server gives it: a workspace under Bitbucket, an instance under Data Center, an organization under Atlassian', () => {
  const all = [acme, workspace, jiraDc, keyOnly];
  assert.deepEqual(
    connectionsOfKind(all, 'atlassian').map((c) => c.id),
    ['acme', 'org-key-only'],
    'an organization without sites yet is still Atlassian',
  );
  assert.deepEqual(
    connectionsOfKind(all, 'bitbucket').map((c) => c.id),
    ['bitbucket-1'],
  );
  assert.deepEqual(
    connectionsOfKind(all, 'data-center').map((c) => c.id),
    ['dc-jira'],
  );
  const declared = { ...jiraDc, kind: 'atlassian' } as const;
  assert.deepEqual(
    connectionsOfKind([declared], 'atlassian').map((c) => c.id),
    ['dc-jira'],
    "the server's kind decides, not the domains' products",
  );
});

test('a new key replaces the credential the connection reads with: an instance its personal access token, a workspace its access token or its admin API token, an organization its API token', () => {
  assert.equal(keyFieldOf(jiraDc), 'personalAccessToken');
  assert.equal(keyFieldOf({ ...workspace, bitbucketCredential: 'access-token' }), 'accessToken');
  assert.equal(keyFieldOf({ ...workspace, bitbucketCredential: 'api-token' }), 'apiToken');
  assert.equal(keyFieldOf(acme), 'apiToken');
});

test('a row counts its domains in its own words', () => {
  assert.equal(countOf('atlassian', 0), '0 domains');
  assert.equal(countOf('atlassian', 1), '1 domain');
  assert.equal(countOf('bitbucket', 1), '1 workspace');
  assert.equal(countOf('bitbucket', 2), '2 workspaces');
  assert.equal(countOf('data-center', 0), '0 instances');
});

test('products read as people name them, and each Add choice adds to the row of its kind', () => {
  assert.deepEqual(
    ['jira', 'confluence', 'bitbucket', 'jira-data-center', 'confluence-data-center', 'later'].map(
      productLabel,
    ),
    ['Jira', 'Confluence', 'Bitbucket', 'Jira Data Center', 'Confluence Data Center', 'later'],
  );
  assert.equal(kindOfChoice('atlassian'), 'atlassian');
  assert.equal(kindOfChoice('bitbucket'), 'bitbucket');
  assert.equal(kindOfChoice('jira-data-center'), 'data-center');
  assert.equal(kindOfChoice('confluence-data-center'), 'data-center');
});

test('the Findings filters offer exactly the products and areas the server filters by', () => {
  assert.deepEqual([...PRODUCTS].sort(), [...SERVER_PRODUCTS].sort());
  assert.deepEqual([...AREAS].sort(), [...AREA_IDS].sort());
});
