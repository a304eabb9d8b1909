import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { assertJiraError } from './jira-test-support.ts';

const h = useHarness();

test('issue security schemes list their levels and default level for a Jira admin', async () => {
  const body = await h.json(`${h.siteA}/rest/api/3/issuesecurityschemes`, h.adminBasic);
  assert.deepEqual(body, {
    issueSecuritySchemes: [
      {
        self: `${h.siteA}/rest/api/3/issuesecurityschemes/10100`,
        id: 10100,
        name: 'Engineering security',
        description: 'Restrict sensitive issues',
        defaultSecurityLevelId: 10200,
        levels: [
          {
            self: `${h.siteA}/rest/api/3/securitylevel/10200`,
            id: '10200',
            description: 'Staff only',
            name: 'Internal',
            isDefault: true,
            issueSecuritySchemeId: '10100',
          },
        ],
      },
    ],
  });
  assert.deepEqual(await h.json(`${h.siteB}/rest/api/3/issuesecurityschemes`, h.adminBasic), {
    issueSecuritySchemes: [],
  });
});

test('issue security schemes are refused to members and anonymous callers', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/issuesecurityschemes`, h.memberBasic), 403);
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/issuesecurityschemes`), 401);
});
