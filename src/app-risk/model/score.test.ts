import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppRecord } from './app.ts';
import { type AppRisk, bandOf, scoreApp } from './score.ts';
import {
  appOf,
  daysAgo,
  forgeInstallation,
  installation,
  marketplace,
  NOW,
  USER_ID,
  unlisted,
} from './testing/fixtures.ts';
import { RISK_WEIGHTS } from './weights.ts';

const score = (app: AppRecord, override?: Parameters<typeof scoreApp>[1]['override']) =>
  scoreApp(app, { now: NOW, override });
const factor = (risk: AppRisk, id: string) => risk.factors.find((f) => f.id === id);
const ids = (risk: AppRisk) => risk.factors.filter((f) => f.status !== 'info').map((f) => f.id);

/** A listed Connect app of a vendor in no programme, installed by an admin, with these scopes. */
function connect(scopes: string[], answer: Partial<Parameters<typeof marketplace>[0]> = {}): AppRecord {
  return appOf(
    [installation({ appKey: 'com.x.app' })],
    [marketplace({ appKey: 'com.x.app', declaredScopes: scopes, ...answer })],
  );
}

test('bands: critical from 85, high from 60, medium from 30, low below', () => {
  assert.deepEqual(
    [100, 85, 84, 60, 59, 30, 29, 0].map((s) => bandOf(s)),
    ['critical', 'critical', 'high', 'high', 'medium', 'medium', 'low', 'low'],
  );
});

test('an Atlassian-built read-only app is low risk', () => {
  const connectRead = score(connect(['READ'], { isAtlassian: true, vendorName: 'Atlassian' }));
  // (READ 35 + Connect 15) × first party 0.3 = 15.
  assert.equal(connectRead.score, 15);
  assert.equal(connectRead.band, 'low');
  const forgeRead = score(
    appOf(
      [forgeInstallation({ appKey: 'com.atlassian.x', scopes: ['read:jira-work', 'storage:app'] })],
      [marketplace({ appKey: 'com.atlassian.x', version: '1.0.0', isAtlassian: true, connect: false })],
    ),
  );
  assert.equal(forgeRead.band, 'low');
  assert.equal(forgeRead.score, 11);
});

test('an app from an unknown vendor holding ACT_AS_USER is critical', () => {
  // As if its descriptor had been read: unlisted Connect app with READ and ACT_AS_USER.
  const hidden = appOf([installation({ appKey: 'io.x.sync' })], [unlisted('io.x.sync')]);
  const known: AppRecord = { ...hidden, scopes: ['ACT_AS_USER', 'READ'], scopesReadable: true };
  const risk = score(known);
  // (ACT_AS_USER 80 + Connect 15) × unlisted 1.3 = 123.5 → 100.
  assert.equal(risk.computed.raw, 123.5);
  assert.equal(risk.score, 100);
  assert.equal(risk.band, 'critical');
  assert.deepEqual(factor(risk, 'capability.act-as-user')?.evidence, ['ACT_AS_USER']);
  assert.equal(factor(risk, 'trust.unlisted-or-unknown-vendor')?.weight.value, 1.3);
  // A listed vendor in no programme with ACT_AS_USER, WRITE and e-mail access is critical too.
  assert.equal(score(connect(['READ', 'WRITE', 'ACT_AS_USER', 'ACCESS_EMAIL_ADDRESSES'])).band, 'critical');
});

test('capability: the most dangerous grant, +5 per further distinct high grant up to 15, +10 for personal data', () => {
  const risk = score(
    appOf(
      [
        forgeInstallation({
          appKey: 'f',
          scopes: [
            'manage:jira-configuration',
            'write:jira-work',
            'delete:confluence-content',
            'write:confluence-content',
            'manage:jira-webhook',
            'write:jira-user-property',
            'read:jira-user',
          ],
        }),
      ],
      [],
    ),
  );
  assert.equal(factor(risk, 'capability.admin')?.contribution, 90);
  assert.equal(factor(risk, 'capability.additional-high')?.contribution, 15);
  assert.deepEqual(factor(risk, 'capability.personal-data')?.evidence, ['read:jira-user']);
  assert.equal(risk.computed.capability, 115);
  // Connect's hierarchy is one capability: ADMIN with the lower levels it implies adds nothing.
  const admin = score(connect(['READ', 'WRITE', 'DELETE', 'PROJECT_ADMIN', 'ADMIN']));
  assert.equal(admin.computed.capability, 90);
  assert.equal(factor(admin, 'capability.additional-high'), undefined);
});

test('exposure: Connect +15, Forge egress +15 (wildcard +20), none for runs-on-Atlassian, +5 when installed twice', () => {
  assert.equal(factor(score(connect(['READ'])), 'exposure.connect-vendor-hosted')?.contribution, 15);
  const forge = (egress: string[]) =>
    score(appOf([forgeInstallation({ appKey: 'f', scopes: ['read:jira-work'], egress })], []));
  assert.deepEqual(factor(forge(['api.x.example']), 'exposure.forge-egress')?.evidence, ['api.x.example']);
  assert.equal(factor(forge(['*.x.example']), 'exposure.forge-egress-wildcard')?.contribution, 20);
  assert.equal(factor(forge([]), 'exposure.runs-on-atlassian')?.contribution, 0);
  const twice = score(
    appOf(
      [
        forgeInstallation({ appKey: 'f', scopes: ['read:jira-work'], product: 'jira' }),
        forgeInstallation({ appKey: 'f', scopes: ['read:jira-work'], product: 'confluence' }),
      ],
      [],
    ),
  );
  assert.equal(factor(twice, 'exposure.multiple-installations')?.contribution, 5);
});

test('trust: first party ×0.3, Cloud Fortified with bug bounty ×0.8, bug bounty ×0.9, none ×1, unlisted ×1.3', () => {
  const t = (answer: Partial<Parameters<typeof marketplace>[0]>) => score(connect(['WRITE'], answer));
  assert.equal(t({ isAtlassian: true }).computed.trust, 0.3);
  assert.equal(t({ cloudFortified: 'approved', bugBounty: 'approved' }).computed.trust, 0.8);
  assert.equal(t({ bugBounty: 'approved' }).computed.trust, 0.9);
  assert.equal(t({ cloudSecurityApproved: true }).computed.trust, 0.9);
  assert.equal(t({}).computed.trust, 1);
  const dev = score(
    appOf(
      [forgeInstallation({ appKey: 'f', scopes: ['read:jira-work'], environmentType: 'DEVELOPMENT' })],
      [],
    ),
  );
  assert.equal(factor(dev, 'trust.development-mode')?.weight.value, 1.3);
});

test('a Marketplace outage or miss makes trust unknown and credits no programme', () => {
  const outage = score(
    appOf(
      [forgeInstallation({ appKey: 'f', scopes: ['write:jira-work'] })],
      undefined,
      {},
      { marketplaceReason: 'HTTP 503' },
    ),
  );
  const trust = factor(outage, 'trust.marketplace-unknown');
  assert.equal(trust?.status, 'unknown');
  assert.equal(trust?.weight.value, 1);
  assert.ok(trust?.evidence.includes('HTTP 503'));
  const miss = score(appOf([forgeInstallation({ appKey: 'f', scopes: ['write:jira-work'] })], []));
  assert.equal(factor(miss, 'trust.marketplace-unknown')?.status, 'unknown');
  // Never a discount: as risky as a listed vendor in no programme, riskier than one with a bug bounty.
  const listed = (bugBounty: string) =>
    score(
      appOf(
        [forgeInstallation({ appKey: 'f', scopes: ['write:jira-work'] })],
        [marketplace({ appKey: 'f', version: '1.0.0', bugBounty })],
      ),
    ).score;
  assert.equal(miss.score, listed('not-requested'));
  assert.ok(miss.score > listed('approved'));
});

test('governance: user-installed ×1.2, installer unknown ×1.15, inactive with high privilege ×1.4, expired licence ×1.1', () => {
  const userInstalled = score(
    appOf(
      [installation({ appKey: 'a', installedBy: USER_ID, installedByName: 'Uma User' })],
      [marketplace({ appKey: 'a', declaredScopes: ['WRITE'] })],
    ),
  );
  assert.deepEqual(factor(userInstalled, 'governance.user-installed')?.evidence, [
    'jira on site cloud-acme: installer is not an admin (Uma User)',
  ]);
  const orphan = score(
    appOf(
      [installation({ appKey: 'a', installedBy: null, installedByName: null, installSource: null })],
      [marketplace({ appKey: 'a', declaredScopes: ['WRITE'] })],
    ),
  );
  assert.equal(factor(orphan, 'governance.installer-deactivated-or-unknown')?.weight.value, 1.15);
  const idle = score(
    appOf(
      [installation({ appKey: 'a', enabled: false, name: 'A' })],
      [marketplace({ appKey: 'a', declaredScopes: ['ADMIN'] })],
      {
        jiraAudit: [
          {
            id: '1',
            created: daysAgo(120),
            summary: 'App disabled',
            category: 'apps',
            authorAccountId: null,
            objectId: 'a',
            objectName: 'A',
            objectType: 'PLUGIN',
            changedValues: [],
          },
        ],
      },
    ),
  );
  assert.equal(factor(idle, 'governance.inactive-high-privilege')?.status, 'applied');
  assert.equal(idle.computed.governance, 1.4);
  // No activity record at all: shown as unknown, not applied.
  const silent = factor(score(connect(['ADMIN'])), 'governance.inactive-high-privilege');
  assert.equal(silent?.status, 'unknown');
  assert.equal(silent?.contribution, 0);
  const expired = score(
    appOf(
      [
        forgeInstallation({
          appKey: 'f',
          scopes: ['read:jira-work'],
          license: { active: false, type: 'EVALUATION', evaluation: true },
        }),
      ],
      [],
    ),
  );
  assert.equal(factor(expired, 'governance.expired-license')?.weight.value, 1.1);
});

test('a pending Forge update that asks for more scopes counts ×1.1 with the new scopes as evidence', () => {
  const risk = score(
    appOf(
      [forgeInstallation({ appKey: 'f', scopes: ['read:jira-work'], version: '1.0.0' })],
      [
        marketplace({
          appKey: 'f',
          version: '1.0.0',
          latestVersion: '2.0.0',
          declaredScopes: ['read:jira-work', 'write:jira-work'],
        }),
      ],
    ),
  );
  assert.deepEqual(factor(risk, 'governance.pending-permission-update')?.evidence, [
    'pending scope jira on site cloud-acme: write:jira-work',
  ]);
});

test('unreadable scopes give a provisional score and the band "unknown"; an override gives a band again', () => {
  const app = appOf([installation({ appKey: 'io.x' })], [unlisted('io.x')]);
  const risk = score(app);
  assert.equal(risk.band, 'unknown');
  assert.equal(factor(risk, 'capability.unreadable')?.status, 'unknown');
  // (unreadable 30 + Connect 15) × unlisted 1.3 = 58.5.
  assert.equal(risk.score, 59);
  const override = {
    score: 90,
    justification: 'Descriptor reviewed: holds ADMIN.',
    actor: 'sam',
    at: NOW.toISOString(),
  };
  const overridden = score(app, override);
  assert.equal(overridden.score, 90);
  assert.equal(overridden.band, 'critical');
  assert.equal(overridden.computed.score, 59);
  assert.deepEqual(overridden.override, override);
});

test('every factor lists its contribution, and the contributions add up to the uncapped score', () => {
  const risk = score(
    appOf(
      [installation({ appKey: 'a', installedBy: USER_ID })],
      [
        marketplace({
          appKey: 'a',
          declaredScopes: ['READ', 'WRITE', 'ACT_AS_USER', 'ACCESS_EMAIL_ADDRESSES'],
          bugBounty: 'approved',
        }),
      ],
    ),
  );
  const sum = risk.factors.reduce((s, f) => s + f.contribution, 0);
  assert.ok(Math.abs(sum - risk.computed.raw) < 0.2, `${sum} vs ${risk.computed.raw}`);
  assert.deepEqual(ids(risk), [
    'capability.act-as-user',
    'capability.additional-high',
    'capability.personal-data',
    'exposure.connect-vendor-hosted',
    'trust.bug-bounty',
    'governance.user-installed',
    'governance.inactive-high-privilege',
  ]);
  for (const f of risk.factors) assert.ok(f.summary.length > 10 && f.evidence.length > 0, f.id);
});

test('the weights table is the only source of numbers: a tuned table moves the score and bands', () => {
  const app = connect(['WRITE']);
  assert.equal(score(app).score, 60);
  const tuned = {
    ...RISK_WEIGHTS,
    exposure: { ...RISK_WEIGHTS.exposure, connectVendorHosted: 5 },
    bands: { critical: 90, high: 70, medium: 40 },
  };
  const risk = scoreApp(app, { now: NOW, weights: tuned });
  assert.equal(risk.score, 50);
  assert.equal(risk.band, 'medium');
});

test('risk evidence names an installation’s site by its name when the snapshot knows it', () => {
  const named = score(
    appOf(
      [installation({ appKey: 'a', installedBy: USER_ID, installedByName: 'Uma User' })],
      [marketplace({ appKey: 'a', declaredScopes: ['WRITE'] })],
      { name: 'acme' },
    ),
  );
  assert.deepEqual(factor(named, 'governance.user-installed')?.evidence, [
    'jira on site acme: installer is not an admin (Uma User)',
  ]);
});
