import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVersions, parseVersion } from './versions.ts';

test('versions compare by their dotted numbers, missing parts counting as zero', () => {
  assert.ok((compareVersions('9.12.4', '9.12.10') ?? 0) < 0);
  assert.ok((compareVersions('10.0', '9.17.5') ?? 0) > 0);
  assert.equal(compareVersions('8.5', '8.5.0'), 0);
});

test('a milestone or tagged build ranks below the release it precedes', () => {
  assert.ok((compareVersions('8.5.0-m01', '8.5.0') ?? 0) < 0);
  assert.ok((compareVersions('2.1.0', '2.1.0-jira9') ?? 0) > 0);
  assert.equal(compareVersions('1.0.0-a', '1.0.0-b'), 0);
});

test('text that is not a version cannot be compared', () => {
  assert.equal(compareVersions('latest', '1.0'), undefined);
  assert.equal(parseVersion(''), undefined);
  assert.deepEqual(parseVersion('v7.13.0'), { numbers: [7, 13, 0], suffix: false });
});
