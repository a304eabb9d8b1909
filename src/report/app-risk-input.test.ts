import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAppInventory } from '../app-risk/model/inventory.ts';
import { scoreApp } from '../app-risk/model/score.ts';
import {
  adminUser,
  appOf,
  forgeInstallation,
  marketplace,
  NOW,
  plainUser,
} from '../app-risk/model/testing/fixtures.ts';
import { appInputOf } from './app-risk-input.ts';
import { buildReport } from './build-report.ts';
import { sampleInput } from './testing/sample-input.ts';
import { reportSchemaValidator } from './testing/validators.ts';

function scoredApp() {
  const app = appOf(
    [
      forgeInstallation({
        appKey: 'com.acme.bot',
        name: 'Acme Bot',
        scopes: ['read:jira-work', 'manage:jira-configuration'],
        egress: ['api.acme-bot.example'],
      }),
    ],
    [marketplace({ appKey: 'com.acme.bot', version: '1.0.0' })],
  );
  return { ...app, risk: scoreApp(app, { now: NOW }) };
}

test('an app scored by src/app-risk becomes a report app with its score, band and explained factors', () => {
  const app = scoredApp();
  const input = appInputOf(app);
  assert.equal(input.key, 'com.acme.bot');
  assert.equal(input.name, 'Acme Bot');
  assert.deepEqual(input.sites, ['cloud-acme']);
  assert.equal(input.installedBy, 'Ada Admin');
  assert.equal(input.risk?.score, app.risk.score);
  assert.equal(input.risk?.band, app.risk.band);
  const shown = app.risk.factors.filter((f) => f.status !== 'info');
  assert.deepEqual(
    input.risk?.factors.map((f) => f.id),
    shown.map((f) => f.id),
  );
  const capability = input.risk?.factors.find((f) => f.id.startsWith('capability'));
  assert.match(String(capability?.evidence), /manage:jira-configuration/);
});

test('a report built with scored apps validates against the report schema', () => {
  const report = buildReport(sampleInput({ apps: [appInputOf(scoredApp())] }));
  assert.equal(report.apps[0]?.sites[0], 'https://acme.atlassian.net');
  assert.deepEqual(reportSchemaValidator()(JSON.parse(JSON.stringify(report))), []);
});

test('an app installed on several sites and products is one report app: its sites, every scope, the first installer', () => {
  const bot = (product: 'jira' | 'confluence', extra: Parameters<typeof forgeInstallation>[0]) =>
    forgeInstallation({ name: 'Acme Bot', product, ...extra });
  const [app] = buildAppInventory(
    [
      {
        cloudId: 'cloud-acme',
        installations: [
          bot('jira', {
            appKey: 'com.acme.bot',
            scopes: ['read:jira-work'],
            installedAt: '2025-02-01T00:00:00Z',
          }),
          bot('confluence', { appKey: 'com.acme.bot', scopes: ['write:confluence-content'] }),
        ],
      },
      {
        cloudId: 'cloud-labs',
        installations: [
          bot('jira', {
            appKey: 'com.acme.bot',
            scopes: ['read:jira-work'],
            installedAt: '2025-01-01T00:00:00Z',
            installedBy: plainUser.accountId,
            installedByName: plainUser.name,
          }),
        ],
      },
    ],
    { marketplace: [], orgUsers: [adminUser, plainUser] },
  );
  assert.ok(app);
  const input = appInputOf({ ...app, risk: scoreApp(app, { now: NOW }) });
  assert.deepEqual(input.sites, ['cloud-acme', 'cloud-labs']);
  assert.deepEqual(input.scopes, ['read:jira-work', 'write:confluence-content']);
  assert.equal(input.installedAt, '2025-01-01T00:00:00Z');
  assert.equal(input.installedBy, plainUser.name);
});
