import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AppClassification, decide, reconcile, riskAccepted } from './classification.ts';
import { type AppFingerprint, describeChanges, diffFingerprints, fingerprintOf } from './fingerprint.ts';
import { appOf, forgeInstallation, installation, NOW, unlisted } from './testing/fixtures.ts';

const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
const fp: AppFingerprint = { scopes: ['read:jira-work'], egress: [], versions: ['1.0.0'] };
const ctx = { connectionId: 'c1', appKey: 'f', actor: 'sam@acme.example', now: NOW, fingerprint: fp };

function sanctioned(): AppClassification {
  return decide(undefined, { state: 'sanctioned' }, ctx);
}

test('a newly seen app is recorded unreviewed, with the time it was first seen', () => {
  const { next, change } = reconcile(undefined, {
    connectionId: 'c1',
    appKey: 'f',
    fingerprint: fp,
    now: NOW,
  });
  assert.equal(next.state, 'unreviewed');
  assert.equal(next.firstSeenAt, NOW.toISOString());
  assert.deepEqual(change, { kind: 'discovered' });
  // Seen again unchanged: nothing moves.
  assert.equal(
    reconcile(next, { connectionId: 'c1', appKey: 'f', fingerprint: fp, now: later(1) }).change,
    null,
  );
});

test('approving records the fingerprint; the same fingerprint later keeps the app sanctioned', () => {
  const c = sanctioned();
  assert.equal(c.state, 'sanctioned');
  assert.deepEqual(c.approvedFingerprint, fp);
  assert.equal(c.decidedBy, 'sam@acme.example');
  assert.equal(
    reconcile(c, { connectionId: 'c1', appKey: 'f', fingerprint: fp, now: later(30) }).change,
    null,
  );
});

test('a sanctioned app whose scopes, egress or version change goes to re-review automatically', () => {
  const changed: AppFingerprint = {
    scopes: ['read:jira-work', 'write:jira-work'],
    egress: ['api.x.example'],
    versions: ['2.0.0'],
  };
  const { next, change } = reconcile(sanctioned(), {
    connectionId: 'c1',
    appKey: 'f',
    fingerprint: changed,
    now: later(3),
  });
  assert.equal(next.state, 're-review');
  assert.equal(next.previousState, 'sanctioned');
  assert.equal(change?.kind, 're-review');
  assert.equal(next.reviewReason?.kind, 'fingerprint-changed');
  assert.equal(
    describeChanges(next.reviewReason?.kind === 'fingerprint-changed' ? next.reviewReason.changes : []),
    'scopes: +write:jira-work; egress: +api.x.example; version: +2.0.0 -1.0.0',
  );
  // The approval is kept, so the comparison stays visible until someone decides again.
  assert.deepEqual(next.approvedFingerprint, fp);
});

test('what cannot be read now is not a change: a Marketplace outage does not trigger a re-review', () => {
  const blind: AppFingerprint = { scopes: null, egress: null, versions: ['1.0.0'] };
  assert.deepEqual(diffFingerprints(fp, blind), []);
  assert.equal(
    reconcile(sanctioned(), { connectionId: 'c1', appKey: 'f', fingerprint: blind, now: later(1) }).change,
    null,
  );
});

test('a risk acceptance needs a justification and a future expiry, and lapses into re-review', () => {
  assert.throws(
    () => decide(undefined, { state: 'risk-accepted', justification: 'Needed for payroll.' }, ctx),
    {
      code: 'invalid_decision',
    },
  );
  assert.throws(
    () => decide(undefined, { state: 'risk-accepted', expiresAt: later(30) }, ctx),
    /justification/,
  );
  assert.throws(
    () => decide(undefined, { state: 'risk-accepted', justification: 'Needed.', expiresAt: later(-1) }, ctx),
    /future/,
  );
  assert.throws(
    () => decide(undefined, { state: 'sanctioned', expiresAt: later(5) }, ctx),
    /only an accepted risk/,
  );
  const accepted = decide(
    undefined,
    { state: 'risk-accepted', justification: 'Needed for payroll.', expiresAt: later(30) },
    ctx,
  );
  assert.equal(riskAccepted(accepted, later(29)), true);
  assert.equal(riskAccepted(accepted, later(31)), false);
  const { next } = reconcile(accepted, { connectionId: 'c1', appKey: 'f', fingerprint: fp, now: later(31) });
  assert.equal(next.state, 're-review');
  assert.equal(next.reviewReason?.kind, 'acceptance-expired');
});

test('unsanctioned needs a justification; an unsanctioned app that changes stays unsanctioned', () => {
  assert.throws(() => decide(undefined, { state: 'unsanctioned' }, ctx), /justification/);
  const banned = decide(
    undefined,
    { state: 'unsanctioned', justification: 'Copies data to an unknown host.' },
    ctx,
  );
  const changed: AppFingerprint = { ...fp, versions: ['9.9.9'] };
  assert.equal(
    reconcile(banned, { connectionId: 'c1', appKey: 'f', fingerprint: changed, now: later(1) }).change,
    null,
  );
});

test('re-review is resolved by a person; only an installed app can be approved', () => {
  const changed: AppFingerprint = { ...fp, versions: ['2.0.0'] };
  const { next } = reconcile(sanctioned(), {
    connectionId: 'c1',
    appKey: 'f',
    fingerprint: changed,
    now: later(2),
  });
  const again = decide(next, { state: 'sanctioned' }, { ...ctx, now: later(3), fingerprint: changed });
  assert.equal(again.state, 'sanctioned');
  assert.equal(again.reviewReason, null);
  assert.deepEqual(again.approvedFingerprint, changed);
  assert.equal(again.firstSeenAt, next.firstSeenAt);
  assert.throws(
    () => decide(undefined, { state: 'sanctioned' }, { ...ctx, fingerprint: null }),
    /not in the current inventory/,
  );
  assert.throws(() => decide(undefined, { state: 'banned' as never }, ctx), /unknown classification state/);
});

test('an app’s fingerprint: sorted scopes and egress, vendor-hosted for Connect, null where unreadable', () => {
  const forge = appOf(
    [
      forgeInstallation({
        appKey: 'f',
        scopes: ['write:jira-work', 'read:jira-work'],
        egress: ['b.example', 'a.example'],
      }),
    ],
    [],
  );
  assert.deepEqual(fingerprintOf(forge), {
    scopes: ['read:jira-work', 'write:jira-work'],
    egress: ['a.example', 'b.example'],
    versions: ['1.0.0'],
  });
  const hidden = appOf([installation({ appKey: 'io.x' })], [unlisted('io.x')]);
  assert.deepEqual(fingerprintOf(hidden), {
    scopes: null,
    egress: ['vendor-hosted'],
    versions: ['1.0.0-AC'],
  });
});
