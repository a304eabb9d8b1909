import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppRecord } from '../app-risk/model/app.ts';
import { decide } from '../app-risk/model/classification.ts';
import { scoreApp } from '../app-risk/model/score.ts';
import {
  appOf,
  forgeInstallation,
  installation,
  marketplace,
  NOW,
  USER_ID,
  unlisted,
} from '../app-risk/model/testing/fixtures.ts';
import { evaluatePolicies, policyMeta } from './app-policies.ts';
import { parsePolicy } from './app-policy.ts';

const subject = (app: AppRecord) => ({ app, risk: scoreApp(app, { now: NOW }) });
const verdict = (policy: unknown, app: AppRecord) =>
  evaluatePolicies([parsePolicy(policy)], [subject(app)])[0];

const actAsUser = {
  id: 'no-act-as-user-without-bounty',
  description: 'No ACT_AS_USER apps from vendors without a bug bounty',
  severity: 'high',
  when: { scopesAny: ['ACT_AS_USER'], vendorWithoutBugBounty: true },
};
const connect = (scopes: string[], extra: Partial<Parameters<typeof marketplace>[0]> = {}) =>
  appOf(
    [installation({ appKey: 'com.x', name: 'X Sync' })],
    [marketplace({ appKey: 'com.x', declaredScopes: scopes, ...extra })],
  );

test('an app matching every test violates the policy, and the result says why', () => {
  const r = verdict(actAsUser, connect(['READ', 'ACT_AS_USER']));
  assert.equal(r?.status, 'fail');
  assert.equal(r?.ruleId, 'app_policy:no-act-as-user-without-bounty');
  assert.deepEqual(r?.resource, { type: 'app', id: 'com.x', name: 'X Sync', scope: 'org' });
  assert.deepEqual(r?.evidence, {
    policy: 'no-act-as-user-without-bounty',
    severity: 'high',
    matched: ['scope ACT_AS_USER', 'vendor runs no bug bounty'],
  });
});

test('an app failing one test complies, even when another test cannot be judged', () => {
  assert.equal(
    verdict(actAsUser, connect(['READ', 'ACT_AS_USER'], { bugBounty: 'approved' }))?.status,
    'pass',
  );
  assert.equal(verdict(actAsUser, connect(['READ']))?.status, 'pass');
  // Marketplace unavailable, but the app holds no ACT_AS_USER: it complies whatever its vendor does.
  const forge = appOf([forgeInstallation({ appKey: 'f', scopes: ['read:jira-work'] })], undefined);
  assert.equal(verdict(actAsUser, forge)?.status, 'pass');
});

test('missing data is unknown, never a pass', () => {
  const hidden = appOf([installation({ appKey: 'io.x' })], [unlisted('io.x')]);
  const r = verdict(actAsUser, hidden);
  assert.equal(r?.status, 'unknown');
  assert.match(r?.message ?? '', /scopes are not readable/);
  assert.equal(r?.reasons?.[0]?.code, 'rule_reported');
});

test('only listed vendors may hold admin; no development-mode apps; risk and classification tests', () => {
  const admins = {
    id: 'admin-vendors',
    description: 'Only these vendors may hold ADMIN',
    severity: 'critical',
    onlyVendors: { vendors: ['bluefin labs'], capabilityAtLeast: 'admin' },
  };
  assert.equal(verdict(admins, connect(['ADMIN']))?.status, 'fail');
  assert.equal(verdict(admins, connectVendor('Bluefin Labs'))?.status, 'pass');
  assert.equal(verdict(admins, connect(['WRITE']))?.status, 'pass');
  const noDev = {
    id: 'no-dev-mode',
    description: 'No development-mode apps',
    severity: 'medium',
    noDevelopmentMode: true,
  };
  const dev = appOf([forgeInstallation({ appKey: 'f', scopes: [], environmentType: 'DEVELOPMENT' })], []);
  assert.equal(verdict(noDev, dev)?.status, 'fail');
  assert.equal(verdict(noDev, connect(['READ']))?.status, 'pass');
  const risky = {
    id: 'risky-user-apps',
    description: 'No risky user-installed apps',
    severity: 'high',
    when: { userInstalled: true, riskScoreAtLeast: 60, classificationIn: ['unreviewed'] },
  };
  const userApp = appOf(
    [installation({ appKey: 'u', installedBy: USER_ID })],
    [marketplace({ appKey: 'u', declaredScopes: ['DELETE'] })],
  );
  assert.equal(verdict(risky, userApp)?.status, 'fail');
  const sanctioned = decide(
    undefined,
    { state: 'sanctioned' },
    {
      connectionId: 'c',
      appKey: 'u',
      actor: 'sam',
      now: NOW,
      fingerprint: { scopes: [], egress: [], versions: [] },
    },
  );
  const r = evaluatePolicies([parsePolicy(risky)], [{ ...subject(userApp), classification: sanctioned }])[0];
  assert.equal(r?.status, 'pass');
});

function connectVendor(vendor: string): AppRecord {
  return appOf(
    [installation({ appKey: 'com.b', vendorName: vendor })],
    [marketplace({ appKey: 'com.b', declaredScopes: ['ADMIN'], vendorName: vendor })],
  );
}

test('egress tests: any data leaving Atlassian, or named domains', () => {
  const egress = {
    id: 'no-egress',
    description: 'Data stays on Atlassian',
    severity: 'medium',
    when: { egress: true },
  };
  assert.equal(verdict(egress, connect(['READ']))?.status, 'fail');
  assert.equal(verdict(egress, appOf([forgeInstallation({ appKey: 'f', scopes: [] })], []))?.status, 'pass');
  const ai = {
    id: 'no-ai-hosts',
    description: 'No data to model hosts',
    severity: 'high',
    when: { egressDomainsAny: ['*.openmodel.example'] },
  };
  const bot = appOf([forgeInstallation({ appKey: 'f', scopes: [], egress: ['eu.openmodel.example'] })], []);
  assert.deepEqual(verdict(ai, bot)?.evidence?.matched, ['egress eu.openmodel.example']);
});

test('a policy carries severity and area for the posture score and reports', () => {
  assert.deepEqual(policyMeta(parsePolicy(actAsUser)).severity, 'high');
  assert.equal(policyMeta(parsePolicy(actAsUser)).area, 'apps');
  assert.equal(policyMeta(parsePolicy(actAsUser)).id, 'app_policy:no-act-as-user-without-bounty');
});
