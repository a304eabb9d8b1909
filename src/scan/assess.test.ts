import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysAgo, installation, marketplace } from '../app-risk/model/testing/fixtures.ts';
import { forEachDatabase } from '../db/testing/test-database.ts';
import { saveAttestation } from '../findings/store/attestations-store.ts';
import { saveException } from '../findings/store/exceptions-store.ts';
import { listFindings } from '../findings/store/findings-store.ts';
import { saveRuleSettings } from '../findings/store/rule-settings-store.ts';
import { catalogue } from '../rules/catalogue/index.ts';
import { datasetsRead } from '../rules/datasets-read.ts';
import type { RuleResult } from '../rules/result.ts';
import { saveTestConnection, storeSnapshot } from '../rules/snapshot/testing/store-snapshot.ts';
import { testAttestation } from '../rules/testing/test-snapshot.ts';
import { assess } from './assess.ts';

// A scan over a stored snapshot: the organization's attestations, exceptions and settings are
// applied, findings are stored for the snapshot, and the next snapshot's scan reports what changed.

const NOW = new Date('2025-06-01T12:00:00.000Z');
const LATER = new Date('2025-06-08T12:00:00.000Z');
const ids = [
  'org_domain_verified',
  'org_sso_enforced',
  'org_no_dormant_admins',
  'jira_permission_scheme_no_anyone',
];
const rules = catalogue.map((e) => e.rule).filter((r) => ids.includes(r.meta.id));
const byId = (id: string) => {
  const rule = rules.find((r) => r.meta.id === id);
  assert.ok(rule, id);
  return rule;
};

const domains = [{ id: 'd1', name: 'acme.example', claimType: 'dns', status: 'verified', verified: true }];
const admin = (accountId: string, name: string, lastActive: string) => ({
  accountId,
  accountType: 'atlassian',
  accountStatus: 'active',
  membershipStatus: 'active',
  status: 'active',
  name,
  emailDomain: 'acme.example',
  emailVerified: true,
  claimStatus: 'managed',
  managementSource: 'synced',
  platformRoles: ['atlassian/org-admin'],
  mfaEnabled: true,
  addedToOrg: '2023-01-01T00:00:00.000Z',
  lastActive,
  productAccessCount: 2,
});
const scheme = (anyone: boolean) => ({
  id: 10000,
  name: 'Roadmap',
  description: null,
  grants: anyone
    ? [
        {
          id: 1,
          permission: 'BROWSE_PROJECTS',
          holderType: 'anyone',
          holderParameter: null,
          holderValue: null,
        },
      ]
    : [],
});
const snapshot = (anyone: boolean, users: unknown[]) => [
  { dataset: 'org.domains', items: domains },
  { dataset: 'org.users', items: users },
  { dataset: 'jira.permission-schemes', scope: 'cloud-acme', items: [scheme(anyone)] },
  { dataset: 'jira.permission-schemes', scope: 'cloud-labs', items: [] },
];
const active = admin('a-1', 'Ada Admin', '2025-05-30T00:00:00.000Z');
const idle = admin('a-2', 'Ivan Idle', '2025-04-10T00:00:00.000Z'); // 52 days before NOW

forEachDatabase(
  'a scan applies attestations, exceptions and settings, and stores its findings',
  async (_t, { db }) => {
    const id = await saveTestConnection(db);
    await storeSnapshot(db, id, snapshot(true, [active, idle]));
    await saveAttestation(
      db,
      id,
      testAttestation('attested.authentication-policies', {
        policies: [{ name: 'Employees', isDefault: true, members: 900, ssoEnforced: true }],
      }),
    );
    await saveException(db, id, {
      id: 'exc-road',
      ruleId: 'jira_permission_scheme_no_anyone',
      resources: ['cloud-acme:permission-scheme:10000'],
      justification: 'The public roadmap is public on purpose.',
      owner: 'security@acme.example',
      createdAt: '2025-05-01T00:00:00.000Z',
      expiresAt: '2025-06-05T00:00:00.000Z',
    });
    await saveRuleSettings(db, id, byId('org_no_dormant_admins'), { maxIdleDays: 60 }, { now: NOW });

    const first = (await assess(db, id, { now: NOW, rules, guard: 'standard' })).evaluation;
    assert.deepEqual(
      first.results.map((r) => [r.ruleId, r.resource.scope, r.status]),
      [
        // 52 idle days are within the organization's 60.
        ['org_no_dormant_admins', 'org', 'pass'],
        ['org_domain_verified', 'org', 'pass'],
        ['org_sso_enforced', 'org', 'pass'],
        ['jira_permission_scheme_no_anyone', 'cloud-acme', 'excepted'],
        ['jira_permission_scheme_no_anyone', 'cloud-labs', 'pass'],
      ],
    );
    assert.deepEqual(
      first.findings.map((f) => [f.ruleId, f.state, f.firstSeen.version]),
      [['jira_permission_scheme_no_anyone', 'excepted', 1]],
    );
    assert.deepEqual(first.expiredExceptions, []);
    assert.deepEqual(first.expiredAttestations, []);
    assert.equal(first.scores.org.score, 100);
    assert.deepEqual(await listFindings(db, id), first.findings);

    // A week later the exception (until 2025-06-05) has lapsed while the attestation (90 days)
    // still holds: the scheme fails again, and the lapse is reported with what it uncovered.
    await storeSnapshot(db, id, snapshot(true, [active, idle]), LATER);
    const second = (await assess(db, id, { now: LATER, rules, guard: 'standard' })).evaluation;
    assert.equal(second.previousVersion, 1);
    assert.deepEqual(
      second.expiredExceptions.map((e) => [e.exception.id, e.reverted.map((r) => r.resource.id)]),
      [['exc-road', ['10000']]],
    );
    assert.deepEqual(
      second.changes.map((c) => [c.kind, c.finding.ruleId, c.finding.state]),
      [['changed', 'jira_permission_scheme_no_anyone', 'open']],
    );
  },
);

forEachDatabase(
  'the next snapshot resolves what was fixed and opens what broke; a re-run changes nothing',
  async (_t, { db }) => {
    const id = await saveTestConnection(db);
    await storeSnapshot(db, id, snapshot(true, [active]));
    const first = (await assess(db, id, { now: NOW, rules })).evaluation;
    assert.deepEqual(
      first.changes.map((c) => [c.kind, c.finding.ruleId]),
      [['new', 'jira_permission_scheme_no_anyone']],
    );
    // Guard unknown: the SSO rule cannot be told, and no attestation either way.
    assert.equal(first.results.find((r) => r.ruleId === 'org_sso_enforced')?.status, 'unknown');

    await storeSnapshot(db, id, snapshot(false, [active, idle]), LATER);
    const second = (await assess(db, id, { now: LATER, rules })).evaluation;
    assert.deepEqual(second.changes.map((c) => [c.kind, c.finding.ruleId, c.finding.resource.name]).sort(), [
      ['new', 'org_no_dormant_admins', 'Ivan Idle'],
      ['resolved', 'jira_permission_scheme_no_anyone', 'Roadmap'],
    ]);
    const again = (await assess(db, id, { now: LATER, rules })).evaluation;
    assert.deepEqual(again.findings, second.findings);
    assert.deepEqual(again.changes, second.changes);
    assert.deepEqual(await listFindings(db, id), second.findings);
    assert.deepEqual(
      (await listFindings(db, id, { states: ['open'] })).map((f) => [f.ruleId, f.firstSeen.version]),
      [['org_no_dormant_admins', 2]],
    );
  },
);

forEachDatabase('an expired attestation makes its rules unknown and is reported', async (_t, { db }) => {
  const id = await saveTestConnection(db);
  await storeSnapshot(db, id, snapshot(false, [active]));
  const lapsed = testAttestation(
    'attested.authentication-policies',
    { policies: [{ name: 'Employees', isDefault: true, members: 900, ssoEnforced: true }] },
    { expiresAt: '2025-06-01T00:00:00.000Z' },
  );
  await saveAttestation(db, id, lapsed);
  const result = (await assess(db, id, { now: NOW, rules, guard: 'standard' })).evaluation;
  assert.deepEqual(
    result.expiredAttestations.map((a) => a.id),
    [lapsed.id],
  );
  const sso = result.results.find((r) => r.ruleId === 'org_sso_enforced');
  assert.equal(sso?.status, 'unknown');
  assert.equal(sso?.reasons?.[0]?.code, 'attestation_expired');
});

forEachDatabase('a connection without a complete snapshot cannot be scanned', async (_t, { db }) => {
  const id = await saveTestConnection(db);
  await assert.rejects(assess(db, id, { now: NOW }), { code: 'no_complete_snapshot' });
});

test('a scan loads only the datasets its rules read', () => {
  assert.deepEqual(datasetsRead(rules), [
    'jira.permission-schemes',
    'jira.projects',
    'org.domains',
    'org.users',
  ]);
});

forEachDatabase(
  'the organization’s settings apply to the app rules as to every other rule',
  async (_t, { db }) => {
    const id = await saveTestConnection(db);
    // An app last seen in the audit trail 120 days before NOW.
    await storeSnapshot(db, id, [
      {
        dataset: 'apps.installations',
        scope: 'cloud-acme',
        items: [installation({ appKey: 'com.example.idle' })],
        key: () => 'jira:com.example.idle',
      },
      { dataset: 'apps.marketplace', items: [marketplace({ appKey: 'com.example.idle' })], key: () => 'm' },
      {
        dataset: 'jira.audit',
        scope: 'cloud-acme',
        items: [
          {
            id: 'a-1',
            created: daysAgo(120, NOW),
            summary: 'Issue updated',
            category: 'issues',
            authorAccountId: 'app-com.example.idle',
            objectId: 'X-1',
            objectName: 'X-1',
            objectType: 'ISSUE',
            changedValues: [],
          },
        ],
      },
    ]);
    const verdict = (results: readonly RuleResult[], ruleId: string) =>
      results.find((r) => r.ruleId === ruleId && r.resource.id === 'jira:com.example.idle')?.status;
    // The first scan records the app unreviewed; three weeks later it is still unreviewed.
    await assess(db, id, { now: NOW });
    const later = new Date(NOW.getTime() + 21 * 86_400_000);
    const defaults = (await assess(db, id, { now: later })).evaluation.results;
    assert.equal(verdict(defaults, 'app_inactive_with_access'), 'fail');
    assert.equal(verdict(defaults, 'org_apps_classified'), 'fail');

    const ruleOf = (ruleId: string) => catalogue.find((e) => e.rule.meta.id === ruleId)?.rule;
    const inactive = ruleOf('app_inactive_with_access');
    const classified = ruleOf('org_apps_classified');
    assert.ok(inactive && classified);
    await saveRuleSettings(db, id, inactive, { inactiveDays: 180 }, { now: later });
    await saveRuleSettings(db, id, classified, { maxUnreviewedDays: 30 }, { now: later });
    const tuned = (await assess(db, id, { now: later })).evaluation.results;
    assert.equal(verdict(tuned, 'app_inactive_with_access'), 'pass');
    assert.equal(verdict(tuned, 'org_apps_classified'), 'pass');
  },
);
