import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runsOnSite } from './collector.ts';

test('a product dataset reads only sites with its product', () => {
  assert.equal(runsOnSite({ product: 'jira' }, ['jira', 'confluence']), true);
  assert.equal(runsOnSite({ product: 'jira' }, ['confluence']), false);
  assert.equal(runsOnSite({ product: 'bitbucket' }, ['bitbucket']), true);
});

test('a Data Center dataset reads only sites holding one of its products', () => {
  const dc = { products: ['jira-data-center', 'confluence-data-center'] } as const;
  assert.equal(runsOnSite(dc, ['confluence-data-center']), true);
  assert.equal(runsOnSite(dc, ['jira', 'confluence']), false);
});

test('an app dataset reads Jira and Confluence sites, never a Bitbucket workspace or a Data Center site', () => {
  assert.equal(runsOnSite({}, ['confluence']), true);
  assert.equal(runsOnSite({}, ['bitbucket']), false);
  assert.equal(runsOnSite({}, ['jira-data-center']), false);
});
