import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appsBandLink,
  changesLink,
  failingFindingsLink,
} from '../../web/src/features/overview/overview-links.ts';
import { postureSeries } from '../../web/src/features/overview/posture-series.ts';

// The Overview's links carry the list APIs' own filter names, so the lists open filtered.

test('a failing-findings number links to Findings filtered by the failing statuses and its severity', () => {
  assert.equal(
    failingFindingsLink('critical'),
    '/findings?status=open%2Cin_progress%2Cregressed&severity=critical',
  );
  assert.equal(
    failingFindingsLink(undefined, 'conn-1'),
    '/findings?status=open%2Cin_progress%2Cregressed&connectionId=conn-1',
  );
});

test('the change numbers link to new findings since the previous scan, and to regressed and resolved ones', () => {
  assert.equal(
    changesLink('new', { connectionId: 'c', since: '2026-12-01T00:00:00.000Z' }),
    '/findings?status=open&firstSeenFrom=2026-12-01T00%3A00%3A00.000Z&connectionId=c',
  );
  assert.equal(changesLink('new'), '/findings?status=open');
  assert.equal(changesLink('regressed', { connectionId: 'c' }), '/findings?status=regressed&connectionId=c');
  assert.equal(changesLink('resolved'), '/findings?status=resolved');
  assert.equal(appsBandLink('high'), '/apps?band=high');
});

test('the posture chart has a row per evaluation time and a line per connection, skipping scores that do not exist', () => {
  const { rows, series } = postureSeries([
    {
      id: 'a',
      name: 'Acme',
      history: [
        { evaluatedAt: '2026-12-01T00:00:00Z', score: 60 },
        { evaluatedAt: '2026-12-02T00:00:00Z', score: 70 },
      ],
    },
    {
      id: 'b',
      name: 'Beta',
      history: [
        { evaluatedAt: '2026-12-02T00:00:00Z', score: 40 },
        { evaluatedAt: '2026-12-03T00:00:00Z', score: null },
      ],
    },
  ]);
  assert.deepEqual(series, [
    { name: 'c0', label: 'Acme' },
    { name: 'c1', label: 'Beta' },
  ]);
  assert.deepEqual(rows, [
    { at: Date.parse('2026-12-01T00:00:00Z'), c0: 60 },
    { at: Date.parse('2026-12-02T00:00:00Z'), c0: 70, c1: 40 },
  ]);
});
