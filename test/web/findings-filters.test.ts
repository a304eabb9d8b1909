import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  apiQueryOf,
  filterFromSearch,
  isFiltered,
  sortFindings,
  sortFromSearch,
  withFilter,
} from '../../web/src/features/findings/findings-filters.ts';

// The Findings page keeps its view in the URL: what a shared link says is what the API is asked.

test('a shared findings link asks the API for exactly its filters, repeated values as lists and days as whole UTC days', () => {
  const search = new URLSearchParams(
    'severity=critical&severity=high&product=jira&q=anyone&firstSeenFrom=2026-11-01&firstSeenTo=2026-11-30&control=cis-v8:4.1&sort=title',
  );
  assert.deepEqual(apiQueryOf(filterFromSearch(search)), {
    severity: ['critical', 'high'],
    product: ['jira'],
    control: ['cis-v8:4.1'],
    q: 'anyone',
    firstSeenFrom: '2026-11-01T00:00:00.000Z',
    firstSeenTo: '2026-11-30T23:59:59.999Z',
  });
});

test('changing one filter keeps the others and the order; clearing it removes it from the link', () => {
  const search = new URLSearchParams('severity=critical&sort=status&dir=desc');
  const next = withFilter(search, 'product', ['jira', 'confluence']);
  assert.equal(next.toString(), 'severity=critical&sort=status&dir=desc&product=jira&product=confluence');
  assert.equal(
    withFilter(next, 'severity', []).toString(),
    'sort=status&dir=desc&product=jira&product=confluence',
  );
  assert.equal(isFiltered(filterFromSearch(new URLSearchParams('sort=title'))), false);
  assert.equal(isFiltered(filterFromSearch(next)), true);
});

test('the table sorts most severe first by default, and an unknown sort in a link falls back to severity', () => {
  const rows = [
    {
      id: 'a',
      severity: 'low',
      title: 'b',
      status: 'open',
      site: 's',
      firstSeen: '2026-01-02',
      lastSeen: '2026-01-02',
    },
    {
      id: 'b',
      severity: 'critical',
      title: 'c',
      status: 'resolved',
      site: 's',
      firstSeen: '2026-01-01',
      lastSeen: '2026-01-03',
    },
    {
      id: 'c',
      severity: 'high',
      title: 'a',
      status: 'regressed',
      site: 's',
      firstSeen: '2026-01-03',
      lastSeen: '2026-01-01',
    },
  ];
  const order = (search: string) =>
    sortFindings(rows, sortFromSearch(new URLSearchParams(search))).map((r) => r.id);
  assert.deepEqual(order(''), ['b', 'c', 'a']);
  assert.deepEqual(order('sort=nonsense'), ['b', 'c', 'a']);
  assert.deepEqual(order('sort=severity&dir=desc'), ['a', 'c', 'b']);
  assert.deepEqual(order('sort=title'), ['c', 'a', 'b']);
  assert.deepEqual(order('sort=status'), ['c', 'a', 'b'], 'regressed before open before resolved');
  assert.deepEqual(order('sort=firstSeen&dir=desc'), ['c', 'a', 'b']);
});
