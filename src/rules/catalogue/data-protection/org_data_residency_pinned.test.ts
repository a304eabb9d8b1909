import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_data_residency_pinned.rule.ts';

type Policy = DatasetRecord<'org.policies'>;
type Workspace = DatasetRecord<'org.workspaces'>;

function workspace(product: string, cloudId: string): Workspace {
  return {
    id: `ari:cloud:${product}::site/${cloudId}`,
    cloudId,
    product,
    name: cloudId,
    typeKey: null,
    status: 'online',
    hostUrl: `https://${cloudId}.atlassian.net`,
    usage: 10,
    sandbox: false,
  };
}

const jira = workspace('jira', 'c-acme');
const conf = workspace('confluence', 'c-acme');
const labs = workspace('jira', 'c-labs');
const atlas = workspace('townsquare', 'c-acme');

function residency(locations: string[], targets: Workspace[], applicationStatus = 'applied'): Policy {
  return {
    id: `pol-${locations.join('-')}`,
    type: 'data-residency',
    name: `${locations[0]} residency`,
    status: 'enabled',
    enabled: true,
    ruleValues: locations,
    resources: targets.map((w) => ({ id: w.id, applicationStatus })),
  };
}

function run(
  policies: Policy[],
  workspaces: Workspace[] = [jira, conf, atlas],
  settings?: Record<string, unknown>,
) {
  return runRule(
    rule,
    testSnapshot({ datasets: { 'org.policies': policies, 'org.workspaces': workspaces } }),
    {
      ...(settings ? { settings: { org_data_residency_pinned: settings } } : {}),
    },
  );
}

test('products pinned to EU regions pass; products outside the checked types are left out', () => {
  const results = run([residency(['eu-central-1', 'eu-west-1'], [jira, conf])]);
  assert.deepEqual(verdicts(results), [
    ['pass', jira.id],
    ['pass', conf.id],
  ]);
  assert.equal(results[0]?.message, 'c-acme (jira) is pinned to EU.');
});

test('a product pinned elsewhere, one not pinned, and one whose move is pending each fail', () => {
  const results = run(
    [residency(['US'], [jira]), residency(['EU'], [labs], 'scheduled')],
    [jira, conf, labs],
  );
  assert.deepEqual(verdicts(results), [
    ['fail', jira.id],
    ['fail', conf.id],
    ['fail', labs.id],
  ]);
  assert.equal(results[0]?.message, 'c-acme (jira) is pinned to US, not EU.');
  assert.equal(
    results[1]?.message,
    'c-acme (confluence) is not pinned to any location: its data may be held in any region.',
  );
  assert.equal(results[2]?.message, 'c-labs (jira) is not pinned to EU yet (move scheduled).');
});

test('the required location is a setting, and an organization without a residency obligation is not applicable', () => {
  const us = run([residency(['US'], [jira, conf])], [jira, conf], { requiredLocation: 'US' });
  assert.deepEqual(verdicts(us), [
    ['pass', jira.id],
    ['pass', conf.id],
  ]);
  const none = run([], [jira], { requiredLocation: null });
  assert.deepEqual(verdicts(none), [['not_applicable', 'org-1']]);
});

test('without the product list coverage cannot be judged, so the check is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.policies': [residency(['EU'], [jira])] },
      outcomes: { 'org.workspaces': { status: 'failed', reason: 'HTTP 500' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
});
