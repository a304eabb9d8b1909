import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planTasks } from './plan-tasks.ts';
import { fakeCollector } from './testing/fake-collector.ts';
import { SITES } from './testing/sync-fixture.ts';

const none = { pages: [] };

test('site datasets run once per site with their product, org datasets once', () => {
  const plan = planTasks(
    [
      fakeCollector({ dataset: 'org.users', ...none }),
      fakeCollector({ dataset: 'jira.projects', scope: 'site', product: 'jira', ...none }),
      fakeCollector({ dataset: 'apps.upm', scope: 'site', ...none }),
    ],
    { orgId: 'o', sites: SITES },
  );
  assert.deepEqual(plan.tasks.map((t) => t.id).sort(), [
    'apps.upm@site-c',
    'apps.upm@site-j',
    'jira.projects@site-j',
    'org.users@org',
  ]);
  assert.deepEqual(plan.skipped, []);
});

test('dependencies come first and link to the same site or to the org', () => {
  const plan = planTasks(
    [
      fakeCollector({
        dataset: 'jira.roles',
        scope: 'site',
        product: 'jira',
        dependsOn: ['jira.projects', 'org.users'],
        ...none,
      }),
      fakeCollector({ dataset: 'org.summary', dependsOn: ['jira.projects'], ...none }),
      fakeCollector({ dataset: 'jira.projects', scope: 'site', product: 'jira', ...none }),
      fakeCollector({ dataset: 'org.users', ...none }),
    ],
    { orgId: 'o', sites: SITES },
  );
  const order = plan.tasks.map((t) => t.id);
  const roles = plan.tasks.find((t) => t.id === 'jira.roles@site-j');
  assert.deepEqual(roles?.after, ['jira.projects@site-j', 'org.users@org']);
  assert.ok(order.indexOf('jira.projects@site-j') < order.indexOf('jira.roles@site-j'));
  assert.ok(order.indexOf('org.users@org') < order.indexOf('jira.roles@site-j'));
  assert.deepEqual(plan.tasks.find((t) => t.id === 'org.summary@org')?.after, ['jira.projects@site-j']);
});

test('without an org id, org datasets are forbidden for want of org credentials', () => {
  const plan = planTasks(
    [
      fakeCollector({ dataset: 'org.users', ...none }),
      fakeCollector({ dataset: 'jira.users', scope: 'site', dependsOn: ['org.users'], ...none }),
    ],
    { sites: SITES.slice(0, 1) },
  );
  assert.deepEqual(plan.skipped, [
    {
      dataset: 'org.users',
      scope: 'org',
      status: 'forbidden',
      reason: 'no org credentials',
      missingScope: 'org API key',
    },
  ]);
  assert.deepEqual(plan.tasks[0]?.skippedDependencies, ['org.users@org']);
});

test('a dependency cycle or two collectors for one dataset are refused before anything runs', () => {
  assert.throws(
    () =>
      planTasks(
        [
          fakeCollector({ dataset: 'a', dependsOn: ['b'], ...none }),
          fakeCollector({ dataset: 'b', dependsOn: ['a'], ...none }),
        ],
        { orgId: 'o', sites: [] },
      ),
    { code: 'sync_plan', message: /depend on each other: a@org → b@org → a@org/ },
  );
  assert.throws(
    () =>
      planTasks([fakeCollector({ dataset: 'a', ...none }), fakeCollector({ dataset: 'a', ...none })], {
        orgId: 'o',
        sites: [],
      }),
    { code: 'sync_plan' },
  );
});
