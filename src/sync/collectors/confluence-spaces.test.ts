import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '../../../simulator/testing/harness.ts';
import { TINY } from '../../../simulator/testing/tiny-tenant.ts';
import type { AtlassianApi, Page, SiteRef } from '../../atlassian/api.ts';
import type { CollectorPage } from '../collector.ts';
import type { SiteAccess } from '../credential-access.ts';
import { collector as confluenceSpacesCollector } from './confluence-spaces.ts';
import { client, resetServed, runCollector, served, tinySites } from './test-support.ts';

// What the space listing shows a credential that is not a Confluence administrator: only the
// spaces it may view, and empty permission lists where it does not administer the space. The tiny
// tenant's Mo views ENG (group read) and PUBLIC (anonymous read) and administers neither; ARCH
// grants nobody anything.

let h: Harness;
let site: SiteRef;

before(async () => {
  h = await startHarness();
  [site] = tinySites(h) as [SiteRef];
});
after(async () => {
  await h.stop();
});

const member: SiteAccess = {
  cloudId: TINY.siteA,
  accountId: TINY.member,
  jiraAccess: true,
  jiraAdmin: false,
  confluenceAccess: true,
  confluenceAdmin: false,
  role: 'user',
  evidence: [],
};

const noteOf = (pages: CollectorPage[]) => pages.at(-1)?.partial;

test("a member's listing is partial: empty permission lists are counted, and the count is cross-checked with v2", async () => {
  const api = client(h, { site: { kind: 'basic', email: 'mo@acme.example', apiToken: TINY.memberToken } });
  try {
    await resetServed(h);
    const pages = await runCollector(confluenceSpacesCollector, { api, site, access: member });
    assert.deepEqual(
      pages.flatMap((p) => p.items.map((i) => i.key)),
      ['ENG', 'PUBLIC'],
    );
    assert.deepEqual(noteOf(pages), {
      reason:
        "the permissions of 2 of 2 spaces came back empty or not at all: Confluence shows them only to the space's administrators",
      missing: 'Confluence administrator',
    });
    assert.deepEqual(await served(h), {
      'confluence.spacesWithPermissions.list': 1,
      'confluence.spaces.list': 1,
    });
  } finally {
    await api.close();
  }
});

test('with the rights unknown an empty permission list cannot be told from a hidden one, so it is counted', async () => {
  const api = client(h);
  try {
    const pages = await runCollector(confluenceSpacesCollector, { api, site });
    assert.match(noteOf(pages)?.reason ?? '', /^the permissions of 1 of 3 spaces came back empty/);
  } finally {
    await api.close();
  }
});

/** An API whose v1 listing comes in the given pages and whose v2 listing holds `v2` spaces. */
function listingApi(v1: unknown[][], v2: number | Error): AtlassianApi & { calls: string[] } {
  const calls: string[] = [];
  const walk = async function* <T>(pages: unknown[][], resumeFrom: string | null | undefined) {
    for (let i = resumeFrom ? Number(resumeFrom) : 0; i < pages.length; i++) {
      yield { items: pages[i] as T[], next: i + 1 < pages.length ? String(i + 1) : null } satisfies Page<T>;
    }
  };
  return {
    calls,
    call: async () => {
      throw new Error('no single calls');
    },
    pages: <T>(endpointId: string, options?: { resumeFrom?: string | null }) => {
      calls.push(endpointId);
      if (endpointId === 'confluence.spacesWithPermissions.list') return walk<T>(v1, options?.resumeFrom);
      if (v2 instanceof Error) {
        return (async function* () {
          yield* [];
          throw v2;
        })();
      }
      return walk<T>([Array.from({ length: v2 }, (_, i) => ({ id: String(i) }))], null);
    },
    stats: () => ({ calls: 0, retries: 0, rateLimited: 0 }),
  };
}

const space = (key: string, permissions: unknown[] = []) => ({ id: key.length, key, name: key, permissions });
const readBy = (group: string) => ({
  operation: { operation: 'read', targetType: 'space' },
  subjects: { group: { results: [{ id: group, name: group }] } },
  anonymousAccess: false,
  unlicensedAccess: false,
});

test('spaces the v2 listing shows beyond the v1 listing are counted, the tally surviving a resume', async () => {
  const api = listingApi([[space('A', [readBy('g')]), space('B')], [space('C', [readBy('g')])]], 5);
  const first = await runCollector(confluenceSpacesCollector, { api, site, access: member, maxPages: 1 });
  const checkpoint = first[0]?.checkpoint ?? null;
  assert.ok(checkpoint);
  // The run crashed after page 1; the resumed collector still knows page 1 hid one space.
  const rest = await runCollector(confluenceSpacesCollector, {
    api,
    site,
    access: member,
    resumeFrom: checkpoint,
  });
  assert.deepEqual(noteOf(rest)?.reason.split('; '), [
    "the permissions of 1 of 3 spaces came back empty or not at all: Confluence shows them only to the space's administrators",
    'the v2 listing shows 5 spaces, the v1 listing only 3',
  ]);
});

test('a Confluence administrator reads whole unless a list is missing; a v2 refusal only leaves the count unchecked', async () => {
  const admin: SiteAccess = { ...member, confluenceAdmin: true, role: 'product-admin' };
  const whole = listingApi([[space('A', [readBy('g')]), space('B')]], 9);
  const pages = await runCollector(confluenceSpacesCollector, { api: whole, site, access: admin });
  assert.equal(noteOf(pages), undefined);
  assert.deepEqual(whole.calls, ['confluence.spacesWithPermissions.list']);

  // Even for an administrator, a space without any permission list is not one granting nothing.
  const { permissions: _, ...bare } = space('B');
  const absent = listingApi([[space('A', [readBy('g')]), bare]], 2);
  const noList = await runCollector(confluenceSpacesCollector, { api: absent, site, access: admin });
  assert.match(
    noteOf(noList)?.reason ?? '',
    /^the permissions of 1 of 2 spaces came back empty or not at all/,
  );

  const refused = Object.assign(new Error('refused'), { code: 'forbidden' });
  const noV2 = listingApi([[space('A')]], refused);
  const member2 = await runCollector(confluenceSpacesCollector, { api: noV2, site, access: member });
  assert.match(
    noteOf(member2)?.reason ?? '',
    /could not be cross-checked with the v2 listing \(forbidden\)$/,
  );
});
