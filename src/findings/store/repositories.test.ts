import assert from 'node:assert/strict';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { catalogue } from '../../rules/catalogue/index.ts';
import { saveTestConnection } from '../../rules/snapshot/testing/store-snapshot.ts';
import { testAttestation } from '../../rules/testing/test-snapshot.ts';
import type { Finding } from '../track-findings.ts';
import { deleteAttestation, listAttestations, saveAttestation } from './attestations-store.ts';
import { deleteException, listExceptions, saveException } from './exceptions-store.ts';
import {
  type EvaluationSummary,
  latestEvaluation,
  listEvaluations,
  listFindingChanges,
  listFindings,
  storeEvaluation,
} from './findings-store.ts';
import { deleteRuleSettings, loadRuleSettings, saveRuleSettings } from './rule-settings-store.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const dormantAdmins = catalogue.find((e) => e.rule.meta.id === 'org_no_dormant_admins')?.rule;

const policies = testAttestation(
  'attested.authentication-policies',
  { policies: [{ name: 'Employees', isDefault: true, members: 900, ssoEnforced: true }] },
  { id: 'att-policies', evidence: { note: 'Screenshot in SEC-42.', url: 'https://tickets.example/SEC-42' } },
);

forEachDatabase(
  'attestations are validated, kept with their evidence and author, and can be withdrawn',
  async (_t, { db }) => {
    const id = await saveTestConnection(db);
    await saveAttestation(db, id, policies);
    await saveAttestation(db, id, { ...policies, id: 'att-later', attestedAt: '2025-06-01T00:00:00.000Z' });
    assert.deepEqual(await listAttestations(db, id), [
      policies,
      { ...policies, id: 'att-later', attestedAt: '2025-06-01T00:00:00.000Z' },
    ]);
    await assert.rejects(saveAttestation(db, id, { ...policies, value: { policies: [] } }), {
      code: 'invalid_attestation',
    });
    await assert.rejects(saveAttestation(db, id, { ...policies, expiresAt: policies.attestedAt }), {
      code: 'invalid_attestation',
    });
    // Saving an id again replaces it.
    await saveAttestation(db, id, { ...policies, expiresAt: '2025-12-01T00:00:00.000Z' });
    assert.equal(
      (await listAttestations(db, id)).find((a) => a.id === 'att-policies')?.expiresAt,
      '2025-12-01T00:00:00.000Z',
    );
    assert.equal(await deleteAttestation(db, id, 'att-later'), true);
    assert.equal(await deleteAttestation(db, id, 'att-later'), false);
    assert.deepEqual(
      (await listAttestations(db, id)).map((a) => a.id),
      ['att-policies'],
    );
  },
);

forEachDatabase('exceptions keep their resources, justification, owner and expiry', async (_t, { db }) => {
  const id = await saveTestConnection(db);
  const scoped = {
    id: 'exc-1',
    ruleId: 'org_no_dormant_admins',
    resources: ['org:user:557058:break-glass'],
    justification: 'The break-glass account is used only in emergencies.',
    owner: 'security@acme.example',
    createdAt: '2025-05-01T00:00:00.000Z',
    expiresAt: '2025-11-01T00:00:00.000Z',
  };
  const whole = { ...scoped, id: 'exc-2', ruleId: 'org_ip_allowlist_enabled', resources: undefined };
  await saveException(db, id, scoped);
  await saveException(db, id, whole);
  const { resources: _r, ...withoutResources } = whole;
  assert.deepEqual(await listExceptions(db, id), [scoped, withoutResources]);
  await assert.rejects(saveException(db, id, { ...scoped, justification: 'ok' }), {
    code: 'invalid_exception',
  });
  await assert.rejects(saveException(db, id, { ...scoped, expiresAt: scoped.createdAt }), {
    code: 'invalid_exception',
  });
  assert.equal(await deleteException(db, id, 'exc-2'), true);
  assert.deepEqual(
    (await listExceptions(db, id)).map((e) => e.id),
    ['exc-1'],
  );
});

forEachDatabase('rule settings store only the organization’s overrides, validated', async (_t, { db }) => {
  assert.ok(dormantAdmins);
  const id = await saveTestConnection(db);
  await saveRuleSettings(db, id, dormantAdmins, { maxIdleDays: 45 }, { now: NOW, by: 'ada@acme.example' });
  assert.deepEqual(await loadRuleSettings(db, id), { org_no_dormant_admins: { maxIdleDays: 45 } });
  await saveRuleSettings(db, id, dormantAdmins, { maxIdleDays: 60 }, { now: NOW });
  assert.deepEqual(await loadRuleSettings(db, id), { org_no_dormant_admins: { maxIdleDays: 60 } });
  await assert.rejects(saveRuleSettings(db, id, dormantAdmins, { maxIdleDays: -1 }, { now: NOW }), {
    code: 'invalid_settings',
  });
  await assert.rejects(saveRuleSettings(db, id, dormantAdmins, { maxIdle: 10 }, { now: NOW }), {
    code: 'invalid_settings',
  });
  assert.equal(await deleteRuleSettings(db, id, 'org_no_dormant_admins'), true);
  assert.deepEqual(await loadRuleSettings(db, id), {});
});

function finding(key: string, overrides: Partial<Finding> = {}): Finding {
  return {
    key: `org_ip_allowlist_enabled|org:org:${key}`,
    ruleId: 'org_ip_allowlist_enabled',
    resource: { type: 'org', id: key, name: 'Acme', scope: 'org' },
    state: 'open',
    lastStatus: 'fail',
    message: 'No IP allowlist is enabled.',
    evidence: { policies: ['Office'], enabled: 0 },
    firstSeen: { version: 1, at: '2025-06-01T12:00:00.000Z' },
    lastSeen: { version: 1, at: '2025-06-01T12:00:00.000Z' },
    resolved: null,
    regressions: 0,
    ...overrides,
  };
}

function summary(version: number): EvaluationSummary {
  return {
    snapshotVersion: version,
    evaluatedAt: NOW.toISOString(),
    rules: 2,
    results: 2,
    counts: { pass: 1, fail: 1, unknown: 0, not_applicable: 0, excepted: 0 },
    scores: {
      org: {
        score: 50,
        earned: 6,
        possible: 12,
        rules: { pass: 1, fail: 1, unknown: 0, excepted: 0, not_applicable: 0 },
      },
      sites: {},
      products: {},
    },
  };
}

forEachDatabase(
  'an evaluation stores its findings and changes once per snapshot, replacing a re-run',
  async (_t, { db }) => {
    const id = await saveTestConnection(db);
    const open = finding('org-1');
    const excepted = finding('org-2', {
      state: 'excepted',
      lastStatus: 'excepted',
      exception: {
        id: 'exc-1',
        owner: 'sec',
        justification: 'Accepted for now.',
        expiresAt: '2025-09-01T00:00:00.000Z',
      },
    });
    await storeEvaluation(db, id, {
      summary: summary(1),
      findings: [open, excepted],
      changes: [
        { kind: 'new', finding: open },
        { kind: 'new', finding: excepted },
      ],
    });
    assert.deepEqual(await listFindings(db, id), [open, excepted]);
    // The same snapshot again: replaced, not added to.
    await storeEvaluation(db, id, {
      summary: summary(1),
      findings: [open],
      changes: [{ kind: 'new', finding: open }],
    });
    assert.deepEqual(await listFindings(db, id), [open]);
    assert.deepEqual(await listFindingChanges(db, id, 1), [
      { key: open.key, kind: 'new', previousStatus: null, status: 'fail' },
    ]);

    const resolved = finding('org-1', {
      state: 'resolved',
      lastStatus: 'pass',
      resolved: { version: 2, at: '2025-06-02T12:00:00.000Z' },
    });
    await storeEvaluation(db, id, {
      summary: summary(2),
      findings: [resolved],
      changes: [{ kind: 'resolved', finding: resolved, previous: open }],
    });
    assert.deepEqual(await listFindings(db, id), [resolved]);
    assert.deepEqual(await listFindings(db, id, { version: 1 }), [open]);
    assert.deepEqual(await listFindings(db, id, { states: ['open'] }), []);
    assert.deepEqual(await listFindingChanges(db, id, 2), [
      { key: open.key, kind: 'resolved', previousStatus: 'fail', status: 'pass' },
    ]);
    assert.deepEqual(
      (await listEvaluations(db, id)).map((e) => e.snapshotVersion),
      [2, 1],
    );
    assert.deepEqual(await latestEvaluation(db, id, { beforeVersion: 2 }), summary(1));
    assert.equal(await latestEvaluation(db, id, { beforeVersion: 1 }), undefined);
  },
);

forEachDatabase('thousands of findings are stored in batches', async (_t, { db }) => {
  const id = await saveTestConnection(db);
  const many = Array.from({ length: 2500 }, (_, i) => finding(`org-${String(i).padStart(5, '0')}`));
  await storeEvaluation(db, id, {
    summary: summary(1),
    findings: many,
    changes: many.map((f) => ({ kind: 'new', finding: f })),
  });
  assert.equal((await listFindings(db, id)).length, 2500);
  assert.equal((await listFindingChanges(db, id, 1)).length, 2500);
});
