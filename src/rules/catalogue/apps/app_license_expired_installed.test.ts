import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forgeInstallation, installation } from '../../../app-risk/model/testing/fixtures.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './app_license_expired_installed.rule.ts';

test('an expired licence fails; current, free or no licence passes; a licensed Connect app is unknown', () => {
  const plugin = (key: string, usesLicensing: boolean) => ({
    key,
    name: key,
    version: '1',
    enabled: true,
    userInstalled: false,
    optional: true,
    remotable: true,
    usesLicensing,
    vendorName: null,
    vendorUrl: null,
  });
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'apps.installations': [
          forgeInstallation({
            appKey: 'a',
            scopes: [],
            license: { active: false, type: 'EVALUATION', evaluation: true },
          }),
          forgeInstallation({
            appKey: 'b',
            scopes: [],
            license: { active: true, type: 'COMMERCIAL', evaluation: false },
          }),
          installation({ appKey: 'c' }),
          installation({ appKey: 'd' }),
        ],
        'apps.upm-jira': [plugin('c', false), plugin('d', true)],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['fail', 'jira:a'],
    ['pass', 'jira:b'],
    ['pass', 'jira:c'],
    ['unknown', 'jira:d'],
  ]);
});
