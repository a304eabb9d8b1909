import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_NOW, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_audit_log_retained.rule.ts';

function event(daysAgo: number): DatasetRecord<'org.events'> {
  return {
    id: `ev-${daysAgo}`,
    time: new Date(TEST_NOW.getTime() - daysAgo * 86_400_000).toISOString(),
    action: 'user_added_to_group',
    actorId: 'a-1',
    actorName: 'Ada Admin',
    context: [],
    container: [],
    ip: null,
  };
}

test('an audit log with recent events, kept for longer than 180 days, passes', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'org.events': [event(400), event(90), event(1)] } }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(
    results[0]?.message,
    'Palisade collects the org audit log (3 events over 399 days, newest 1 day(s) ago) and keeps it beyond 180 days.',
  );
});

test('an audit log whose newest event is older than the threshold fails as stalled', () => {
  const snapshot = testSnapshot({ datasets: { 'org.events': [event(60), event(30)] } });
  const results = runRule(rule, snapshot);
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
  assert.match(results[0]?.message ?? '', /30 days old/);
  const tuned = runRule(rule, snapshot, { settings: { org_audit_log_retained: { maxSilenceDays: 45 } } });
  assert.deepEqual(verdicts(tuned), [['pass', 'org-1']]);
});

test('an empty audit log fails', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.events': [] } }));
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
});

test('an audit log the key may not read is unknown, and a partly read one cannot pass', () => {
  const forbidden = runRule(
    rule,
    testSnapshot({
      outcomes: {
        'org.events': { status: 'forbidden', missingScope: 'an org API key without scopes', reason: null },
      },
    }),
  );
  assert.deepEqual(verdicts(forbidden), [['unknown', 'org-1']]);
  const partial = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.events': [event(1)] },
      outcomes: { 'org.events': { status: 'partial', reason: 'page 2 failed' } },
    }),
  );
  assert.deepEqual(verdicts(partial), [['unknown', 'org-1']]);
});

test('an organization without Atlassian Guard has no org audit log to collect', () => {
  const results = runRule(rule, testSnapshot({ org: { guard: 'none' }, datasets: { 'org.events': [] } }));
  assert.deepEqual(verdicts(results), [['not_applicable', 'org-1']]);
});
