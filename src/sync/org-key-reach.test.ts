import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCollectors } from './collectors/index.ts';
import { memoryCache } from './collectors/test-support.ts';
import { orgDatasetNeeds, scopedKeyScopes, siteHostOnlyDatasets } from './org-key-reach.ts';

const collectors = defaultCollectors({ marketplaceCache: memoryCache() });

test('each org dataset names the key it needs: the events API takes only a key without scopes', () => {
  const needs = new Map(orgDatasetNeeds(collectors).map((n) => [n.dataset, n.requirement]));
  assert.equal(needs.get('org.events'), 'unscoped-key');
  assert.equal(needs.get('org.organization'), 'any-key');
  assert.equal(needs.get('org.users'), 'read:directories:admin');
  // The per-account fallback (a key without scopes) adds no need to the org-wide list's scope.
  assert.equal(needs.get('org.api-tokens'), 'read:tokens:admin');
  assert.equal(needs.get('org.api-keys'), 'read:keys:admin');
  assert.equal(needs.has('apps.marketplace'), false, 'the Marketplace needs no org key');
  assert.deepEqual(scopedKeyScopes(orgDatasetNeeds(collectors)), [
    'read:directories:admin',
    'read:domains:admin',
    'read:keys:admin',
    'read:policies:admin',
    'read:tokens:admin',
    'read:workspaces:admin',
  ]);
});

test('the datasets a scoped API token cannot reach are the ones read from UPM and the GraphQL gateway', () => {
  assert.deepEqual(siteHostOnlyDatasets(collectors), ['apps.forge', 'apps.upm-confluence', 'apps.upm-jira']);
});
