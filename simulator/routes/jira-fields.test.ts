import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { assertJiraError, walkPageBean } from './jira-test-support.ts';

type Field = { id: string; name: string; schema: Record<string, unknown>; key?: string };
type Page = { total: number; values: Field[] };

const h = useHarness();

const search = (query = '') =>
  h.json<Page>(`${h.siteA}/rest/api/3/field/search${query ? `?${query}` : ''}`, h.memberBasic);

test('fields list system and custom fields with their schema', async () => {
  const page = await search();
  assert.deepEqual(page.values, [
    { id: 'summary', name: 'Summary', schema: { type: 'string', system: 'summary' } },
    {
      id: 'customfield_10010',
      name: 'Timesheet',
      schema: {
        type: 'string',
        custom: 'com.atlassian.plugins.atlassian-connect-plugin:com.tiny.timesheets__timesheet-field',
        customId: 10010,
      },
    },
  ]);
});

test('type, id and query narrow the fields', async () => {
  assert.deepEqual(
    (await search('type=custom')).values.map((f) => f.id),
    ['customfield_10010'],
  );
  assert.deepEqual(
    (await search('type=system')).values.map((f) => f.id),
    ['summary'],
  );
  assert.deepEqual(
    (await search('id=summary')).values.map((f) => f.id),
    ['summary'],
  );
  assert.deepEqual(
    (await search('query=TIME')).values.map((f) => f.id),
    ['customfield_10010'],
  );
  assert.deepEqual(
    (await search('orderBy=-name')).values.map((f) => f.name),
    ['Timesheet', 'Summary'],
  );
});

test('expand=key adds each field’s key', async () => {
  assert.deepEqual(
    (await search('expand=key')).values.map((f) => f.key),
    ['summary', 'customfield_10010'],
  );
});

test('a field walk returns every field exactly once', async () => {
  for (const size of [1, 2, 50]) {
    const all = await walkPageBean<Field>(
      h,
      `${h.siteA}/rest/api/3/field/search?maxResults=${size}`,
      h.memberBasic,
    );
    assert.deepEqual(
      all.map((f) => f.id),
      ['summary', 'customfield_10010'],
      `page size ${size}`,
    );
  }
});

test('bad field search parameters are a 400', async () => {
  for (const q of ['type=magic', 'orderBy=colour', 'projectIds=x', 'maxResults=-3']) {
    await assertJiraError(await h.get(`${h.siteA}/rest/api/3/field/search?${q}`, h.memberBasic), 400);
  }
});

test('fields need credentials and Jira access on the site', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/field/search`), 401);
  await assertJiraError(await h.get(`${h.siteB}/rest/api/3/field/search`, h.memberBasic), 403);
});
