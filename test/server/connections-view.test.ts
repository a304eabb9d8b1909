import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ConnectionView,
  statusOf,
  worstOf,
  worstOfEachKind,
} from '../../src/connections/managed/connection-view.ts';
import { humanDuration, judgeLastSync } from '../../src/connections/managed/sync-health.ts';

// How the Integrations window judges a connection: its state from the scans, whether its last sync
// needs a look, and which domain of all needs one most.

const NOW = new Date('2026-06-01T12:00:00Z');
const hour = 3_600_000;
const settings = { excessiveSyncMs: 30 * 60_000, intervalMs: 6 * hour, now: NOW };

test('a last sync is excessive when it took longer than the threshold or is older than twice the schedule, and says which', () => {
  const fine = judgeLastSync({
    ...settings,
    startedAt: '2026-06-01T10:00:00Z',
    finishedAt: '2026-06-01T10:10:00Z',
  });
  assert.deepEqual(fine.lastSync, { at: '2026-06-01T10:10:00Z', durationSeconds: 600, excessive: false });
  const slow = judgeLastSync({
    ...settings,
    startedAt: '2026-06-01T10:00:00Z',
    finishedAt: '2026-06-01T10:41:00Z',
  });
  assert.equal(slow.lastSync.reason, 'took 41 min, over the 30 min threshold');
  const stale = judgeLastSync({
    ...settings,
    startedAt: '2026-05-31T21:55:00Z',
    finishedAt: '2026-05-31T22:00:00Z',
  });
  assert.equal(stale.lastSync.reason, 'last synced 14 h ago, over twice the 6 h schedule');
  assert.ok(stale.overBy > 1 && fine.overBy < 1);
  assert.equal(humanDuration(3 * 86_400_000), '3 d');
});

test('the state: an error found outside a scan first, then a running scan with its progress, then how the last one ended', () => {
  const running = {
    status: 'running' as const,
    reason: null,
    progress: '{"done":1,"total":4,"phase":"org"}',
  };
  assert.deepEqual(statusOf({ error_reason: 'Grant expired' }, running), {
    state: 'error',
    reason: 'Grant expired',
  });
  assert.deepEqual(statusOf({ error_reason: null }, running), {
    state: 'in_progress',
    progress: { done: 1, total: 4, phase: 'org' },
  });
  assert.deepEqual(statusOf({ error_reason: null }, { status: 'queued', reason: null, progress: null }), {
    state: 'in_progress',
  });
  assert.deepEqual(statusOf({ error_reason: null }, { status: 'error', reason: '401', progress: null }), {
    state: 'error',
    reason: '401',
  });
  assert.deepEqual(statusOf({ error_reason: null }, undefined), { state: 'pending' });
});

function judged(
  id: string,
  host: string,
  lastSync: ConnectionView['lastSync'],
  overBy: number | undefined,
  kind: ConnectionView['kind'] = 'atlassian',
) {
  const status = { state: 'success' as const };
  const view = {
    id,
    kind,
    domains: [{ host, cloudId: id, products: ['jira' as const], lastSync, status }],
  } as unknown as ConnectionView;
  return { view, overBy };
}

test('the worst last sync is the most excessive domain, else one never synced, else the oldest; none without connections', () => {
  const ok = { at: '2026-06-01T11:00:00Z', durationSeconds: 60, excessive: false };
  const older = { at: '2026-06-01T08:00:00Z', durationSeconds: 60, excessive: false };
  const bit = { at: '2026-06-01T00:00:00Z', durationSeconds: 60, excessive: true, reason: 'a bit' };
  const lot = { at: '2026-06-01T00:00:00Z', durationSeconds: 9_000, excessive: true, reason: 'a lot' };
  assert.equal(worstOf([]), null);
  assert.equal(worstOf([judged('a', 'a.net', ok, 0.1), judged('b', 'b.net', older, 0.4)])?.host, 'b.net');
  const never = worstOf([judged('a', 'a.net', ok, 0.1), judged('n', 'n.net', null, undefined)]);
  assert.deepEqual(never, {
    connectionId: 'n',
    host: 'n.net',
    lastSync: null,
    excessive: false,
    reason: 'not synced yet',
  });
  const worst = worstOf([
    judged('n', 'n.net', null, undefined),
    judged('a', 'a.net', bit, 1.2),
    judged('b', 'b.net', lot, 5),
  ]);
  assert.deepEqual(worst, {
    connectionId: 'b',
    host: 'b.net',
    lastSync: lot,
    excessive: true,
    reason: 'a lot',
  });
});

test("each kind's row names its own worst last sync in the same order: the one furthest over its limit, not the oldest; a kind without domains is absent", () => {
  const early = { at: '2026-06-01T00:00:00Z', durationSeconds: 60, excessive: true, reason: 'a bit' };
  const late = { at: '2026-06-01T06:00:00Z', durationSeconds: 9_000, excessive: true, reason: 'a lot' };
  const ok = { at: '2026-06-01T11:00:00Z', durationSeconds: 60, excessive: false };
  const keyOnly = {
    view: { id: 'k', kind: 'atlassian', domains: [] } as unknown as ConnectionView,
    overBy: undefined,
  };
  const byKind = worstOfEachKind([
    judged('dc-a', 'jira.acme.test', early, 1.2, 'data-center'),
    judged('dc-b', 'wiki.acme.test', late, 5, 'data-center'),
    judged('bb', 'bitbucket.org/acme', ok, 0.1, 'bitbucket'),
    keyOnly,
  ]);
  assert.deepEqual(Object.keys(byKind).sort(), ['bitbucket', 'data-center']);
  assert.equal(
    byKind['data-center']?.host,
    'wiki.acme.test',
    'the later sync, 5× over, before the older one 1.2× over',
  );
  assert.equal(byKind.bitbucket?.excessive, false);
  assert.deepEqual(worstOfEachKind([]), {});
});
