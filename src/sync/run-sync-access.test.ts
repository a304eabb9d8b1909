import assert from 'node:assert/strict';
import { forEachDatabase } from '../db/testing/test-database.ts';
import type { CredentialAccess } from './credential-access.ts';
import { planTasks } from './plan-tasks.ts';
import { runSync } from './run-sync.ts';
import { fakeApi } from './testing/fake-api.ts';
import { fakeCollector, pagesOf } from './testing/fake-collector.ts';
import { CONNECTION, SITES, saveTestConnection } from './testing/sync-fixture.ts';

// What the site credential may see (discovery's CredentialAccess) decides, before any read, the
// datasets whose declared admin right it lacks (src/inventory/datasets `access`): refused ones are
// forbidden without a call, hiding ones are read and partial, and the right is named either way.

const now = () => new Date('2025-06-01T12:00:00Z');

const plainUser: CredentialAccess = {
  'site-j': {
    cloudId: 'site-j',
    accountId: 'a1',
    jiraAccess: true,
    jiraAdmin: false,
    siteAdmin: false,
    role: 'user',
    evidence: [],
  },
  'site-c': {
    cloudId: 'site-c',
    accountId: 'a1',
    confluenceAccess: true,
    confluenceAdmin: false,
    role: 'user',
    evidence: [],
  },
};

const collectors = () => ({
  audit: fakeCollector({ dataset: 'jira.audit', scope: 'site', product: 'jira', pages: pagesOf('r', 2, 2) }),
  projects: fakeCollector({
    dataset: 'jira.projects',
    scope: 'site',
    product: 'jira',
    pages: pagesOf('p', 2, 2),
  }),
  spaces: fakeCollector({
    dataset: 'confluence.spaces',
    scope: 'site',
    product: 'confluence',
    pages: pagesOf('s', 2, 2),
  }),
  installs: fakeCollector({
    dataset: 'apps.installations',
    scope: 'site',
    dependsOn: ['jira.audit'],
    pages: [[]],
  }),
});

forEachDatabase(
  'a plain user gets admin-only datasets forbidden without a read and hiding listings partial, naming the right',
  async (_t, { db }) => {
    await saveTestConnection(db);
    const c = collectors();
    const result = await runSync({
      db,
      api: fakeApi(),
      collectors: Object.values(c),
      connection: { ...CONNECTION, access: plainUser },
      now,
    });
    assert.equal(result.status, 'success');
    const outcome = (dataset: string, scope: string) =>
      result.outcomes.find((o) => o.dataset === dataset && o.scope === scope);

    const audit = outcome('jira.audit', 'site-j');
    assert.equal(audit?.status, 'forbidden');
    assert.equal(audit?.missingScope, 'Jira administrator (Administer Jira global permission)');
    assert.equal(
      audit?.reason,
      'needs Jira administrator (Administer Jira global permission); the credential is a plain user on this site',
    );
    assert.equal(c.audit.calls.length, 0, 'the refused dataset is not read');

    for (const [dataset, scope, right] of [
      ['jira.projects', 'site-j', 'Jira administrator (Administer Jira global permission)'],
      ['confluence.spaces', 'site-c', 'Confluence administrator'],
    ] as const) {
      const o = outcome(dataset, scope);
      assert.equal(o?.status, 'partial', dataset);
      assert.equal(o?.items, 2, `${dataset}: what the credential sees is kept`);
      assert.equal(o?.missingScope, right);
      assert.match(o?.reason ?? '', /plain user on this site/);
    }
    // A dataset built on the forbidden one says so.
    assert.match(
      outcome('apps.installations', 'site-j')?.reason ?? '',
      /jira\.audit@site-j, which was forbidden/,
    );
    assert.equal(result.reason, '1 forbidden, 3 partial of 5 datasets');
  },
);

forEachDatabase(
  'an administrator, or rights nobody could establish, judge nothing in advance',
  async (_t, { db }) => {
    await saveTestConnection(db);
    const admin: CredentialAccess = {
      'site-j': { cloudId: 'site-j', accountId: 'a1', jiraAdmin: true, role: 'product-admin', evidence: [] },
      // Confluence rights unknown (the check failed): read, and let the reads speak.
      'site-c': { cloudId: 'site-c', accountId: 'a1', role: 'unknown', evidence: [] },
    };
    const result = await runSync({
      db,
      api: fakeApi(),
      collectors: Object.values(collectors()),
      connection: { ...CONNECTION, access: admin },
      now,
    });
    assert.deepEqual(
      result.outcomes.map((o) => [o.dataset, o.scope, o.status]),
      [
        ['apps.installations', 'site-c', 'ok'],
        ['apps.installations', 'site-j', 'ok'],
        ['confluence.spaces', 'site-c', 'ok'],
        ['jira.audit', 'site-j', 'ok'],
        ['jira.projects', 'site-j', 'ok'],
      ],
    );
  },
);

forEachDatabase('the collectors of a judged site get its access in their context', async (_t, { db }) => {
  await saveTestConnection(db);
  const seen: unknown[] = [];
  const spaces = fakeCollector({
    dataset: 'confluence.spaces',
    scope: 'site',
    product: 'confluence',
    pages: (ctx) => {
      seen.push(ctx.access?.role);
      return [[]];
    },
  });
  await runSync({
    db,
    api: fakeApi(),
    collectors: [spaces],
    connection: { ...CONNECTION, access: plainUser },
    now,
  });
  assert.deepEqual(seen, ['user']);
  // And the plan alone, without a run: the same judgement.
  const plan = planTasks([spaces], { sites: SITES, access: plainUser });
  assert.equal(plan.tasks[0]?.limits?.missing, 'Confluence administrator');
});
