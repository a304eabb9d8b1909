import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readsOnSite } from './dataset.ts';

test('a product dataset reads only sites with its product', () => {
  assert.equal(readsOnSite({ product: 'jira' }, ['jira', 'confluence']), true);
  assert.equal(readsOnSite({ product: 'jira' }, ['confluence']), false);
  assert.equal(readsOnSite({ product: 'bitbucket' }, ['bitbucket']), true);
});

test('a Data Center dataset reads only sites holding one of its products', () => {
  const dc = { products: ['jira-data-center', 'confluence-data-center'] } as const;
  assert.equal(readsOnSite(dc, ['confluence-data-center']), true);
  assert.equal(readsOnSite(dc, ['jira', 'confluence']), false);
});

test('an app dataset reads Jira and Confluence sites, never a Bitbucket workspace or a Data Center site', () => {
  assert.equal(readsOnSite({}, ['confluence']), true);
  assert.equal(readsOnSite({}, ['bitbucket']), false);
  assert.equal(readsOnSite({}, ['jira-data-center']), false);
});
