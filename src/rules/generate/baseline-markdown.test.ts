import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ATTESTATION_SUBJECTS } from '../attestation-subjects.ts';
import { rule as domainRule } from '../catalogue/identity/org_domain_verified.rule.ts';
import { rule as ssoRule } from '../catalogue/identity/org_sso_enforced.rule.ts';
import { rule as schemeRule } from '../catalogue/jira/jira_permission_scheme_no_anyone.rule.ts';
import { frameworks } from '../compliance/index.ts';
import { renderBaseline } from './baseline-markdown.ts';

const doc = renderBaseline([schemeRule, domainRule, ssoRule], frameworks);

test('the baseline has a section per area in catalogue order, rules by severity', () => {
  const headings = doc.split('\n').filter((l) => /^##+ \d/.test(l));
  assert.deepEqual(headings, [
    '## 1. Organization: identity and authentication',
    '### 1.1 `org_sso_enforced`: SSO is enforced for all managed users except a declared break-glass policy',
    '### 1.2 `org_domain_verified`: At least one domain is verified',
    '## 2. Jira Cloud',
    '### 2.1 `jira_permission_scheme_no_anyone`: No permission scheme grants anything to Anyone (anonymous users)',
  ]);
});

test('critical and high rules SHALL be met, and the summary counts rules per severity', () => {
  assert.ok(doc.includes('The configuration SHALL meet this requirement.'));
  assert.ok(doc.includes('| 1. Organization: identity and authentication | 2 | 1 | 1 | 0 | 0 |'));
  assert.ok(doc.includes('| **Total** | **3** | 2 | 1 | 0 | 0 |'));
});

test('each rule shows its plan, data, remediation, settings with defaults, compliance and references', () => {
  assert.ok(doc.includes('| Plan | Atlassian Guard Standard |'));
  assert.ok(doc.includes('| Reads | `jira.permission-schemes`, `jira.projects` (context only) |'));
  assert.ok(doc.includes('| Evaluated | For each site with Jira; one result per permission scheme |'));
  assert.ok(doc.includes('No public API changes this setting.'));
  assert.ok(
    doc.includes('1. List the scheme’s grants: GET /rest/api/3/permissionscheme/{schemeId}/permission.'),
  );
  assert.ok(doc.includes('| `ignoreUnusedSchemes` | `false` |'));
  assert.ok(doc.includes('CIS Critical Security Controls v8: 5.6, 6.3, 6.5, 6.7'));
  assert.ok(doc.includes('- [Verify a domain to manage accounts](https://support.atlassian.com/'));
});

test('settings read from attestations are listed with where to find them', () => {
  assert.ok(
    doc.includes(
      '| [Authentication policies](#authentication-policies) (`attested.authentication-policies`) |',
    ),
  );
});

test('each attested setting links to its value: an example its schema accepts, and the JSON Schema', () => {
  assert.ok(
    doc.includes(
      '| [Authentication policies](#authentication-policies) (`attested.authentication-policies`)',
    ),
  );
  const section = doc.split('### authentication-policies\n')[1]?.split('\n## ')[0] ?? '';
  const [example, schema] = [...section.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) =>
    JSON.parse(m[1] ?? ''),
  );
  assert.ok(ATTESTATION_SUBJECTS['attested.authentication-policies'].schema.safeParse(example).success);
  assert.deepEqual(schema.required, ['policies']);
  assert.ok(doc.includes('`palisade attest --subjects` prints the same'));
});

test('compliance coverage lists every control of every framework, with the rules or a dash', () => {
  assert.ok(doc.includes('| 6.3 | Require MFA for Externally-Exposed Applications | `org_sso_enforced` |'));
  assert.ok(doc.includes('| 5.3 | Disable Dormant Accounts | — |'));
  assert.ok(doc.includes('### SOC 2 Trust Services Criteria'));
});

test('the baseline is deterministic, so a check can compare it byte for byte', () => {
  assert.equal(renderBaseline([domainRule, ssoRule, schemeRule], frameworks), doc);
});

test('with the credential table, the baseline says which site token and which org API key a full scan needs', () => {
  const withCredentials = renderBaseline([domainRule], frameworks, {
    orgDatasets: [
      { dataset: 'org.domains', needs: '`read:domains:admin` (or a key without scopes)' },
      { dataset: 'org.events', needs: 'an org API key without scopes (no scope opens it)' },
    ],
    scopedKeyScopes: ['read:domains:admin'],
    unscopedOnly: ['org.events'],
    siteHostOnly: ['apps.upm-jira'],
  });
  assert.ok(withCredentials.includes('## Credentials a full scan needs'));
  assert.ok(withCredentials.includes('it never reaches `apps.upm-jira`'));
  assert.ok(
    withCredentials.includes('no scope opens `org.events`, so with a scoped key it stays `forbidden`'),
  );
  assert.ok(withCredentials.includes('| `org.events` | an org API key without scopes (no scope opens it) |'));
  assert.ok(!doc.includes('## Credentials a full scan needs'), 'only when the table is given');
});
