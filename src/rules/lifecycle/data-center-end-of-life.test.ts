import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CONFLUENCE_DATA_CENTER_RELEASES,
  isEndOfLife,
  JIRA_DATA_CENTER_RELEASES,
  releaseOf,
} from './data-center-end-of-life.ts';

test('a patch version is judged by its feature release line', () => {
  assert.equal(releaseOf('jira-data-center', '9.12.4')?.endOfLife, '2025-11-29');
  assert.equal(releaseOf('confluence-data-center', '7.19.30')?.lts, true);
  assert.equal(releaseOf('jira-data-center', '8.20')?.release, '8.20');
});

test('a version the data does not list is not found, rather than assumed supported', () => {
  assert.equal(releaseOf('jira-data-center', '7.13.0'), undefined);
  assert.equal(releaseOf('confluence-data-center', '99.0.0'), undefined);
  assert.equal(releaseOf('jira-data-center', 'not a version'), undefined);
});

test('a release is end of life only after its end-of-life day', () => {
  const release = releaseOf('jira-data-center', '9.4.0');
  assert.ok(release);
  assert.equal(isEndOfLife(release, new Date('2025-01-31T23:00:00Z')), false);
  assert.equal(isEndOfLife(release, new Date('2025-02-01T00:00:00Z')), true);
});

test('the tables are newest first, one entry per release, each ending after it shipped', () => {
  for (const table of [JIRA_DATA_CENTER_RELEASES, CONFLUENCE_DATA_CENTER_RELEASES]) {
    assert.equal(new Set(table.map((r) => r.release)).size, table.length);
    for (const [i, r] of table.entries()) {
      assert.ok(r.endOfLife > r.released, r.release);
      const next = table[i + 1];
      if (next) assert.ok(r.released > next.released, `${r.release} before ${next.release}`);
    }
  }
});
