import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AtlassianApi, CallOptions, EndpointId, ReadOf, ResponseDrift } from '../atlassian/api.ts';
import { SchemaDriftError } from '../atlassian/schemas/drift-error.ts';
import { forEachDatabase } from '../db/testing/test-database.ts';
import { listOutcomes } from '../inventory/dataset-outcomes.ts';
import type { Collector } from './collector.ts';
import { DriftLog, loggingDrift } from './drift-log.ts';
import { runSync } from './run-sync.ts';
import { CONNECTION, saveTestConnection } from './testing/sync-fixture.ts';

// What tolerant reading does to a dataset's outcome: items left out make it `partial` with a note
// naming the endpoint, the field and how many; other differences are warnings in its coverage,
// never a failure; a collector that skips an unusable per-parent response ends partial too.

const now = () => new Date('2025-06-01T12:00:00Z');

const skippedKeys: ResponseDrift = {
  endpointId: 'jira.projects.search',
  skipped: [{ field: 'values[].key', problem: 'is missing', expected: 'required string', count: 2 }],
  warnings: [],
  errors: [],
};
const newProjectType: ResponseDrift = {
  endpointId: 'jira.projects.search',
  skipped: [],
  warnings: [
    {
      field: 'values[].projectTypeKey',
      problem: 'has an undocumented value',
      expected: 'one of "software", "service_desk", "business"',
      count: 3,
    },
  ],
  errors: [],
};

/** An API whose every call answers `{}` after telling `onDrift` the given drift, if any. */
function driftingApi(drifts: Record<string, ResponseDrift | SchemaDriftError | undefined>): AtlassianApi {
  return {
    async call<Id extends EndpointId>(endpointId: Id, options?: CallOptions): Promise<ReadOf<Id>> {
      const drift = drifts[endpointId];
      if (drift instanceof SchemaDriftError) throw drift;
      if (drift) options?.onDrift?.(drift);
      // The collectors here read nothing of the body.
      return {} as ReadOf<Id>;
    },
    pages: () => ({
      [Symbol.asyncIterator]: () => {
        throw new Error('not walked');
      },
    }),
    stats: () => ({ calls: 0, retries: 0, rateLimited: 0 }),
  };
}

function oneCallCollector(dataset: string, endpointId: EndpointId, catchUnusable = false): Collector {
  return {
    dataset,
    scope: dataset.startsWith('org.') ? 'org' : 'site',
    ...(dataset.startsWith('org.') ? {} : { product: 'jira' as const }),
    kind: 'snapshot',
    credential: 'site',
    endpoints: [endpointId],
    cost: () => 1,
    async *collect(ctx) {
      try {
        await ctx.api.call(endpointId, {});
      } catch (error) {
        if (!catchUnusable) throw error;
      }
      yield { items: [{ key: 'k', data: { k: 1 } }], checkpoint: null };
    },
  };
}

forEachDatabase(
  'items left out make the dataset partial naming endpoint, field and count; other drift is only a warning',
  async (_t, { db }) => {
    await saveTestConnection(db);
    const result = await runSync({
      db,
      api: driftingApi({ 'jira.projects.search': skippedKeys, 'jira.fields.search': newProjectType }),
      collectors: [
        oneCallCollector('jira.projects', 'jira.projects.search'),
        oneCallCollector('jira.fields', 'jira.fields.search'),
      ],
      connection: CONNECTION,
      now,
    });
    assert.equal(result.status, 'success');
    const byDataset = new Map((await listOutcomes(db, result.runId)).map((o) => [o.dataset, o]));
    const projects = byDataset.get('jira.projects');
    assert.equal(projects?.status, 'partial');
    assert.equal(
      projects?.reason,
      'jira.projects.search: 2 items left out (values[].key is missing, expected required string)',
    );
    assert.deepEqual(projects?.warnings, []);
    const fields = byDataset.get('jira.fields');
    assert.equal(fields?.status, 'ok');
    assert.deepEqual(fields?.warnings, [
      'jira.projects.search: values[].projectTypeKey has an undocumented value in 3 items (expected one of "software", "service_desk", "business")',
    ]);
  },
);

const unusable = new SchemaDriftError({
  endpointId: 'jira.projectRole.get',
  field: 'name',
  expected: 'required string',
  problem: 'is missing',
});

forEachDatabase(
  'an unusable response a collector goes on without makes the dataset partial; one it does not is a failure',
  async (_t, { db }) => {
    await saveTestConnection(db);
    const result = await runSync({
      db,
      api: driftingApi({ 'jira.projectRole.get': unusable }),
      collectors: [
        oneCallCollector('jira.project-roles', 'jira.projectRole.get', true),
        oneCallCollector('jira.roles', 'jira.projectRole.get', false),
      ],
      connection: CONNECTION,
      now,
    });
    const byDataset = new Map((await listOutcomes(db, result.runId)).map((o) => [o.dataset, o]));
    assert.equal(byDataset.get('jira.project-roles')?.status, 'partial');
    assert.equal(
      byDataset.get('jira.project-roles')?.reason,
      'jira.projectRole.get: 1 response could not be used (name is missing, expected required string)',
    );
    assert.equal(byDataset.get('jira.roles')?.status, 'failed');
    assert.match(
      byDataset.get('jira.roles')?.reason ?? '',
      /jira\.projectRole\.get no longer matches: name is missing/,
    );
  },
);

test('the log adds up the same drift across pages and keeps its notes short', () => {
  const log = new DriftLog();
  for (let i = 0; i < 3; i++) log.record(skippedKeys);
  log.record({
    endpointId: 'graphql.appInstallations.list',
    skipped: [],
    warnings: [],
    errors: ['boom (at nodes[].app)'],
  });
  log.record({
    endpointId: 'graphql.appInstallations.list',
    skipped: [],
    warnings: [],
    errors: ['boom (at nodes[].app)'],
  });
  assert.deepEqual(log.notes(), [
    'jira.projects.search: 6 items left out (values[].key is missing, expected required string)',
    'graphql.appInstallations.list: Atlassian reported an error beside the data (2 times): boom (at nodes[].app)',
  ]);
  const many = new DriftLog();
  for (let i = 0; i < 25; i++) {
    many.record({
      ...newProjectType,
      warnings: [{ ...newProjectType.warnings[0], field: `f${i}` } as never],
    });
  }
  assert.equal(many.warnings().length, 21);
  assert.equal(many.warnings().at(-1), 'and 5 more');
});

test("the logging API keeps the caller's own onDrift and passes errors through", async () => {
  const log = new DriftLog();
  const heard: ResponseDrift[] = [];
  const api = loggingDrift(
    driftingApi({ 'jira.projects.search': skippedKeys, 'jira.projectRole.get': unusable }),
    log,
  );
  await api.call('jira.projects.search', { onDrift: (d) => heard.push(d) });
  await assert.rejects(api.call('jira.projectRole.get'), SchemaDriftError);
  assert.deepEqual(heard, [skippedKeys]);
  assert.equal(log.notes().length, 2);
});
