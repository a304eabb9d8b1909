import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_app_access_rule_sensitive.rule.ts';

type AppAccess = NonNullable<SubjectValue<'attested.data-security-policies'>['appAccess']>;

function run(appAccess: AppAccess, settings?: Record<string, unknown>) {
  return runRule(rule, testSnapshot({ org: { guard: 'none' } }), {
    attestations: [testAttestation('attested.data-security-policies', { appAccess })],
    ...(settings ? { settings: { org_app_access_rule_sensitive: settings } } : {}),
  });
}

test('an allowlist covering the sensitive spaces passes, even without Atlassian Guard for block-all', () => {
  const results = run(
    { blocks: 'selected', covered: ['HR', 'SEC'], exceptions: [], mode: 'allowlist', listedApps: 3 },
    { sensitiveData: ['HR', 'SEC'] },
  );
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
});

test('an app access rule that misses a sensitive project fails, naming it', () => {
  const results = run(
    { blocks: 'selected', covered: ['HR'], exceptions: [], mode: 'block-all' },
    { sensitiveData: ['HR', 'PAY'] },
  );
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
  assert.equal(results[0]?.message, 'App access to data is not blocked for sensitive data: PAY.');
});

test('a blocklist fails by default and passes when the organization accepts blocklists', () => {
  const blocklist: AppAccess = {
    blocks: 'everywhere',
    covered: [],
    exceptions: [],
    mode: 'blocklist',
    listedApps: 2,
  };
  const results = run(blocklist);
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
  assert.match(results[0]?.message ?? '', /blocklist of 2 app\(s\)/);
  assert.deepEqual(verdicts(run(blocklist, { acceptBlocklist: true })), [['pass', 'org-1']]);
});

test('no app access rule at all fails; no attestation is unknown', () => {
  assert.deepEqual(verdicts(run({ blocks: 'nowhere', covered: [], exceptions: [] })), [['fail', 'org-1']]);
  const none = runRule(rule, testSnapshot());
  assert.deepEqual(verdicts(none), [['unknown', 'org-1']]);
  assert.equal(none[0]?.reasons?.[0]?.code, 'attestation_missing');
});
