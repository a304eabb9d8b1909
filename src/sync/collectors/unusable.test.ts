import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '../../../simulator/testing/harness.ts';
import { TINY } from '../../../simulator/testing/tiny-tenant.ts';
import type { AtlassianApi, CallOptions, EndpointId, ReadOf, SiteRef } from '../../atlassian/api.ts';
import type { AtlassianClient } from '../../atlassian/client.ts';
import { SchemaDriftError } from '../../atlassian/schemas/drift-error.ts';
import { upmCollector } from './apps-upm.ts';
import { collector as jiraPermissionSchemesCollector } from './jira-permission-schemes.ts';
import { jiraProjectRolesCollector } from './jira-project-roles.ts';
import { jiraProjectsCollector } from './jira-projects.ts';
import { collector as jiraRolesCollector } from './jira-roles.ts';
import { client, MemoryInventory, runCollector, tinySites } from './test-support.ts';

// Collectors that read one response per parent go on without a parent whose response could not be
// used at all (a relied-on field missing outside any list item): the other parents are still
// read. The sync records the unusable response and ends the dataset partial (drift-log.ts).

let h: Harness;
let api: AtlassianClient;
let siteA: SiteRef;

before(async () => {
  h = await startHarness();
  api = client(h);
  [siteA] = tinySites(h) as [SiteRef];
});
after(async () => {
  await api.close();
  await h.stop();
});

/** The client, except that the `nth` call (1-based) of `endpointId` answers unusably. */
function breaking(endpointId: string, nth = 1): AtlassianApi {
  let seen = 0;
  return {
    call<Id extends EndpointId>(id: Id, options?: CallOptions): Promise<ReadOf<Id>> {
      if (id === endpointId && ++seen === nth) {
        return Promise.reject(
          new SchemaDriftError({
            endpointId,
            field: 'name',
            expected: 'required string',
            problem: 'is missing',
          }),
        );
      }
      return api.call(id, options);
    },
    pages: (id, options) => api.pages(id, options),
    stats: () => api.stats(),
  };
}

test('an unusable project role is skipped; the project’s other roles are still read', async () => {
  const inventory = new MemoryInventory();
  for (const c of [jiraPermissionSchemesCollector, jiraProjectsCollector(), jiraRolesCollector]) {
    await runCollector(c, { api, site: siteA, inventory });
  }
  const pages = await runCollector(jiraProjectRolesCollector(), {
    api: breaking('jira.projectRole.get'),
    site: siteA,
    inventory,
  });
  const roles = pages.flatMap((p) => p.items.map((i) => i.key));
  // Five role reads on the tiny tenant (see jira.test.ts); the first one was unusable.
  assert.equal(roles.length, 4);
});

test('an unusable plugin page keeps the listed plugin, with its licence unknown', async () => {
  const inventory = new MemoryInventory();
  await runCollector(upmCollector('jira'), { api: breaking('upm.jira.get'), site: siteA, inventory });
  const timesheets = inventory
    .records<{ key: string; license?: unknown }>('apps.upm-jira', TINY.siteA)
    .find((p) => p.key === 'com.tiny.timesheets');
  assert.ok(timesheets, 'the plugin is kept');
  assert.equal(timesheets.license, null);
});
