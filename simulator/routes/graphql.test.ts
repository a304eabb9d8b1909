import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

// The GraphQL gateway's `ecosystem.appInstallationsByContext`: Forge and Connect-on-Forge apps.

const QUERY = `query jira_manageApps_getEcosystemInstalledApps($cloudId: ID!, $first: Int, $after: String) {
  ecosystem {
    appInstallationsByContext(filter: { appInstallations: { contexts: [$cloudId] } }, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        app { id name vendorName }
        appEnvironment { type }
        appEnvironmentVersion { version isLatest }
        license { active type }
      }
    }
  }
}`;

interface Connection {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: {
    app: { id: string; name: string; vendorName: string };
    appEnvironment: { type: string };
    appEnvironmentVersion: { version: string; isLatest: boolean };
    license: { active: boolean; type: string } | null;
  }[];
}
interface GraphQLReply {
  data?: { ecosystem: { appInstallationsByContext: Connection | null } };
  errors?: {
    message: string;
    path?: string[];
    extensions: { classification: string; statusCode?: number };
  }[];
}

const JIRA_A = `ari:cloud:jira::site/${TINY.siteA}`;
const BETA = { 'x-experimentalapi': 'AppEnvironmentVersionTrustSignal' };

const h = useHarness({ resetBeforeEach: true });

async function post(
  body: unknown,
  options: { auth?: string; headers?: Record<string, string>; site?: string } = {},
): Promise<{ status: number; body: GraphQLReply }> {
  const res = await fetch(`${options.site ?? h.siteA}/gateway/api/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: options.auth ?? h.adminBasic,
      ...options.headers,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as GraphQLReply };
}

const installations = (variables: Record<string, unknown>, options: Parameters<typeof post>[1] = {}) =>
  post({ query: QUERY, variables }, { headers: BETA, ...options });

/** Three more Forge apps, one Connect-on-Forge app and one pure Connect app on acme's Jira. */
function addApps(): void {
  const state = h.sim.context.state;
  const extra = [
    { key: 'forge-extra-1', framework: 'forge' as const, appId: 'b0000000-0000-4000-8000-000000000001' },
    { key: 'forge-extra-2', framework: 'forge' as const, appId: 'b0000000-0000-4000-8000-000000000002' },
    { key: 'forge-extra-3', framework: 'forge' as const, appId: 'b0000000-0000-4000-8000-000000000003' },
    { key: 'connect-on-forge', framework: 'connect' as const, appId: 'b0000000-0000-4000-8000-000000000004' },
    { key: 'pure-connect', framework: 'connect' as const },
  ];
  for (const [i, e] of extra.entries()) {
    state.tenant.apps.push({
      key: e.key,
      name: `App ${e.key}`,
      description: '',
      version: `1.${i}.0`,
      framework: e.framework,
      ...(e.appId ? { appId: e.appId } : {}),
      vendor: { name: 'Extra Co', url: 'https://extra.example' },
      scopes: ['read:jira-work'],
      egress: [],
      listed: true,
      developmentMode: false,
      products: ['jira'],
    });
    state.tenant.installations.push({
      appKey: e.key,
      siteId: TINY.siteA,
      product: 'jira',
      enabled: true,
      userInstalled: true,
      installedAt: '2026-10-01T00:00:00.000Z',
      installedBy: TINY.admin,
      appAccountId: TINY.appForge,
      license: { active: true, type: 'COMMERCIAL', evaluation: false },
      environment: 'PRODUCTION',
    });
  }
  state.reindex();
}

test('the documented query returns the Forge app installed in acme’s Jira with its ARI and environment', async () => {
  const { status, body } = await installations({ cloudId: JIRA_A });
  assert.equal(status, 200);
  assert.equal(body.errors, undefined);
  assert.deepEqual(body.data?.ecosystem.appInstallationsByContext, {
    pageInfo: {
      hasNextPage: false,
      endCursor: body.data?.ecosystem.appInstallationsByContext?.pageInfo.endCursor,
    },
    nodes: [
      {
        app: {
          id: 'ari:cloud:ecosystem::app/a7f0e6c2-0000-4000-8000-0000000000f1',
          name: 'Forge Reporter',
          vendorName: 'Unknown Dev',
        },
        appEnvironment: { type: 'DEVELOPMENT' },
        appEnvironmentVersion: { version: '1.0.3', isLatest: true },
        license: null,
      },
    ],
  });
  assert.equal(typeof body.data?.ecosystem.appInstallationsByContext?.pageInfo.endCursor, 'string');
});

test('Confluence contexts list that product’s installations; pure Connect apps are not in GraphQL', async () => {
  addApps();
  const confluence = await installations({ cloudId: `ari:cloud:confluence::site/${TINY.siteA}` });
  assert.deepEqual(
    confluence.body.data?.ecosystem.appInstallationsByContext?.nodes.map((n) => n.app.name),
    ['Forge Reporter'],
  );
  const jira = await installations({ cloudId: JIRA_A, first: 50 });
  const names = jira.body.data?.ecosystem.appInstallationsByContext?.nodes.map((n) => n.app.name) ?? [];
  assert.ok(names.includes('App connect-on-forge'));
  assert.ok(!names.includes('App pure-connect'));
  assert.ok(!names.includes('Timesheets Pro'));
  assert.deepEqual(jira.body.data?.ecosystem.appInstallationsByContext?.nodes[1]?.license, {
    active: true,
    type: 'COMMERCIAL',
  });
});

test('a Relay walk with opaque cursors returns every installation once at page sizes 1, 2 and 5', async () => {
  addApps();
  for (const first of [1, 2, 5]) {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { body } = await installations({ cloudId: JIRA_A, first, after });
      const connection = body.data?.ecosystem.appInstallationsByContext;
      assert.ok(connection, JSON.stringify(body.errors));
      pages++;
      ids.push(...connection.nodes.map((n) => n.app.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
      assert.ok(after && !/^\d+$/.test(after), 'cursors are opaque strings');
    }
    assert.equal(ids.length, 5, `first ${first}`);
    assert.equal(new Set(ids).size, 5);
    assert.equal(pages, Math.ceil(5 / first));
  }
});

test('inline literals, aliases, fragments and __typename are read like variables', async () => {
  addApps();
  const query = `{
    eco: ecosystem { __typename
      apps: appInstallationsByContext(filter: {appInstallations: {contexts: ["${JIRA_A}"]}}, first: 2) {
        pageInfo { hasNextPage }
        edges { cursor node { ...Inst } }
      }
    }
  }
  fragment Inst on AppInstallation { __typename app { name } env: appEnvironment { key } }`;
  const { body } = await post({ query });
  const data = body.data as unknown as {
    eco: { __typename: string; apps: { pageInfo: unknown; edges: { cursor: string; node: unknown }[] } };
  };
  assert.equal(data.eco.__typename, 'EcosystemQuery');
  assert.deepEqual(data.eco.apps.pageInfo, { hasNextPage: true });
  assert.deepEqual(data.eco.apps.edges[0]?.node, {
    __typename: 'AppInstallation',
    app: { name: 'Forge Reporter' },
    env: { key: 'default' },
  });
  assert.equal(typeof data.eco.apps.edges[0]?.cursor, 'string');
});

test('Salto’s query without first, and a context for another site the admin manages, both answer', async () => {
  const salto = `query jira_manageApps_getEcosystemInstalledApps($cloudId: ID!) {
    ecosystem { appInstallationsByContext(filter: { appInstallations: { contexts: [$cloudId] } } after: null) {
      nodes { app { id name } } } } }`;
  const { body } = await post({ query: salto, variables: { cloudId: JIRA_A } }, { site: h.siteB });
  assert.deepEqual(
    body.data?.ecosystem.appInstallationsByContext?.nodes.map((n) => n.app.name),
    ['Forge Reporter'],
  );
  const labs = await post({ query: salto, variables: { cloudId: `ari:cloud:jira::site/${TINY.siteB}` } });
  assert.deepEqual(labs.body.data?.ecosystem.appInstallationsByContext?.nodes, []);
});

test('appEnvironmentVersion is a beta field: without X-ExperimentalApi the request is rejected', async () => {
  const { status, body } = await post({ query: QUERY, variables: { cloudId: JIRA_A } });
  assert.equal(status, 200);
  assert.equal(body.data, undefined);
  assert.equal(body.errors?.[0]?.extensions.classification, 'ValidationError');
  assert.match(body.errors?.[0]?.message ?? '', /X-ExperimentalApi: AppEnvironmentVersionTrustSignal/);
});

test('unknown queries and broken syntax are GraphQL errors with HTTP 200', async () => {
  const unknown = await post({ query: '{ me { user { name } } }' });
  assert.equal(unknown.status, 200);
  assert.equal(unknown.body.errors?.[0]?.extensions.classification, 'ValidationError');
  const broken = await post({ query: '{ ecosystem { appInstallationsByContext(' });
  assert.equal(broken.status, 200);
  assert.equal(broken.body.errors?.[0]?.extensions.classification, 'InvalidSyntax');
  const noContexts = await post({
    query: '{ ecosystem { appInstallationsByContext(first: 1) { nodes { id } } } }',
  });
  assert.equal(noContexts.body.errors?.[0]?.extensions.classification, 'ValidationError');
  assert.equal((await post({ variables: {} })).status, 400);
});

test('a member, an unknown site and a forged cursor resolve the field to null with an error', async () => {
  const member = await installations({ cloudId: JIRA_A }, { auth: h.memberBasic });
  assert.equal(member.status, 200);
  assert.equal(member.body.data?.ecosystem.appInstallationsByContext, null);
  assert.deepEqual(member.body.errors?.[0]?.path, ['ecosystem', 'appInstallationsByContext']);
  assert.equal(member.body.errors?.[0]?.extensions.statusCode, 403);
  const nowhere = await installations({
    cloudId: 'ari:cloud:confluence::site/c0ffee00-0000-4000-8000-0000000000ff',
  });
  assert.equal(nowhere.body.errors?.[0]?.extensions.statusCode, 404);
  const forged = await installations({ cloudId: JIRA_A, after: 'bm90LWEtY3Vyc29y' });
  assert.equal(forged.body.errors?.[0]?.extensions.statusCode, 400);
});

test('no or wrong credentials are a 401', async () => {
  const res = await fetch(`${h.siteA}/gateway/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, variables: { cloudId: JIRA_A } }),
  });
  assert.equal(res.status, 401);
  const wrong = await installations({ cloudId: JIRA_A }, { auth: h.basic('ada@acme.example', 'wrong') });
  assert.equal(wrong.status, 401);
});
