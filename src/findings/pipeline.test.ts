import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogue } from '../rules/catalogue/index.ts';
import { evaluateSnapshot } from '../rules/evaluate.ts';
import { testAttestation, testSnapshot } from '../rules/testing/test-snapshot.ts';
import { applyExceptions, exceptionSchema } from './exceptions.ts';
import { postureScores } from './posture-score.ts';
import { trackFindings } from './track-findings.ts';

// One scan as the server or the CLI will run it: evaluate the catalogue over a snapshot, apply
// the organization's exceptions, track findings against the previous scan, score.

// The three rules this scan's data speaks to; the rest of the catalogue has its own tests.
const scanned = new Set(['jira_permission_scheme_no_anyone', 'org_domain_verified', 'org_sso_enforced']);
const rules = catalogue.map((e) => e.rule).filter((r) => scanned.has(r.meta.id));
const metas = rules.map((r) => r.meta);

const openScheme = {
  id: 10000,
  name: 'Public projects',
  description: null,
  grants: [
    { id: 1, permission: 'BROWSE_PROJECTS', holderType: 'anyone', holderParameter: null, holderValue: null },
  ],
};
const domains = [{ id: 'd1', name: 'acme.example', claimType: 'dns', status: 'verified', verified: true }];
const policies = testAttestation('attested.authentication-policies', {
  policies: [{ name: 'Employees', isDefault: true, members: 900, ssoEnforced: true }],
});

test('a scan evaluates, applies exceptions, tracks findings and scores, and the next scan sees the fix', () => {
  const first = evaluateSnapshot(
    rules,
    testSnapshot({
      version: 1,
      datasets: { 'org.domains': domains, 'jira.permission-schemes': [openScheme] },
    }),
    { attestations: [policies] },
  );
  assert.deepEqual(
    first.results.map((r) => [r.ruleId, r.status]),
    [
      ['org_domain_verified', 'pass'],
      ['org_sso_enforced', 'pass'],
      ['jira_permission_scheme_no_anyone', 'fail'],
    ],
  );
  const tracked = trackFindings([], first.results, 1, new Date('2025-06-01T12:00:00Z'));
  assert.deepEqual(
    tracked.changes.map((c) => [c.kind, c.finding.ruleId]),
    [['new', 'jira_permission_scheme_no_anyone']],
  );
  // high 6 + critical 10 earned of 6 + 10 + 10.
  assert.equal(postureScores(first.results, metas).org.score, 62);

  // The project is meant to be public: the security team accepts it until September.
  const exception = exceptionSchema.parse({
    id: 'exc-1',
    ruleId: 'jira_permission_scheme_no_anyone',
    resources: ['cloud-acme:permission-scheme:10000'],
    justification: 'The public roadmap project is public on purpose.',
    owner: 'security@acme.example',
    createdAt: '2025-06-01T13:00:00Z',
    expiresAt: '2025-09-01T00:00:00Z',
  });
  const second = evaluateSnapshot(
    rules,
    testSnapshot({
      version: 2,
      now: new Date('2025-06-02T12:00:00Z'),
      datasets: { 'org.domains': domains, 'jira.permission-schemes': [openScheme] },
    }),
    { attestations: [policies] },
  );
  const excepted = applyExceptions(second.results, [exception], new Date('2025-06-02T12:00:00Z'));
  const tracked2 = trackFindings(tracked.findings, excepted.results, 2, new Date('2025-06-02T12:00:00Z'));
  assert.deepEqual(
    tracked2.findings.map((f) => [f.ruleId, f.state, f.firstSeen.version, f.lastSeen.version]),
    [['jira_permission_scheme_no_anyone', 'excepted', 1, 2]],
  );
  assert.equal(postureScores(excepted.results, metas).org.score, 100);
});
