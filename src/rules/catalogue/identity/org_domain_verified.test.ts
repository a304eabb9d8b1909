import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_domain_verified.rule.ts';

function domain(name: string, status: string): DatasetRecord<'org.domains'> {
  return { id: `dom-${name}`, name, claimType: 'dns', status, verified: status === 'verified' };
}

test('an organization with a verified domain passes and names it', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.domains': [domain('acme.example', 'verified'), domain('old.example', 'unverified')] },
    }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.match(results[0]?.message ?? '', /acme\.example/);
});

test('an organization whose domains are all unverified fails, listing each status', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'org.domains': [domain('acme.example', 'unverified')] } }),
  );
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
  assert.equal(results[0]?.message, 'No domain is verified: acme.example (unverified).');
  assert.deepEqual(results[0]?.evidence, { domains: [{ name: 'acme.example', status: 'unverified' }] });
});

test('an organization with no domain at all fails', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.domains': [] } }));
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
});

test('domains the org API key may not read make the check unknown, naming the missing scope', () => {
  const results = runRule(
    rule,
    testSnapshot({
      outcomes: { 'org.domains': { status: 'forbidden', missingScope: 'read:domains:admin', reason: null } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.match(results[0]?.message ?? '', /read:domains:admin/);
});

test('without an org API key the check is unknown, not failed', () => {
  const results = runRule(
    rule,
    testSnapshot({
      org: { hasCredential: false },
      datasets: { 'org.domains': [domain('acme.example', 'verified')] },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'credential_missing');
});

test('with no domain stated verified and one whose status the admin API left out, the answer is unknown, not a fail', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.domains': [domain('acme.example', 'unknown'), domain('old.example', 'unverified')] },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.match(results[0]?.message ?? '', /verification of acme\.example is not given/);
});
