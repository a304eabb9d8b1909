import assert from 'node:assert/strict';
import { forEachDatabase } from '../../db/testing/test-database.ts';
import { catalogue } from '../../rules/catalogue/index.ts';
import { saveTestConnection } from '../../rules/snapshot/testing/store-snapshot.ts';
import { result } from '../testing/result-fixture.ts';
import { recordEvaluation } from './record-evaluation.ts';
import { listFindingHistory, listWorkflowFindings } from './workflow-query.ts';
import { findingId } from './workflow-sync.ts';

// The scan's side of the workflow where evaluations are recorded (CLI and server alike): one row
// per finding with the rule's title and severity, notes only for what changed, and a re-run of
// the same snapshot (palisade report) or of an older one never writes a second note.

const rule = catalogue[0]?.rule.meta;
const at = (hour: number) => new Date(Date.UTC(2026, 5, 1, hour));

forEachDatabase('recording evaluations keeps each finding’s workflow and history', async (_t, { db }) => {
  if (!rule) throw new Error('the catalogue is empty');
  const id = await saveTestConnection(db);
  const record = (version: number, statuses: Record<string, 'pass' | 'fail'>) =>
    recordEvaluation(db, id, {
      snapshotVersion: version,
      now: at(version),
      results: Object.entries(statuses).map(([p, s]) => result(rule.id, p, s)),
      rules: [rule],
    });
  const page = async () => (await listWorkflowFindings(db, { connectionIds: [id] }, { limit: 50 })).items;

  await record(1, { p1: 'fail', p2: 'fail' });
  let rows = await page();
  assert.deepEqual(rows.map((r) => [r.resource.id, r.status, r.title, r.severity]).sort(), [
    ['p1', 'open', rule.title, rule.severity],
    ['p2', 'open', rule.title, rule.severity],
  ]);

  await record(2, { p1: 'pass', p2: 'fail' });
  await record(2, { p1: 'pass', p2: 'fail' });
  rows = await page();
  const p1 = findingId(id, `${rule.id}|org:project:p1`);
  assert.equal(rows.find((r) => r.id === p1)?.status, 'resolved');
  assert.deepEqual(
    (await listFindingHistory(db, p1)).map((h) => h.text),
    ['found by scan 1', 'fixed, seen by scan 2'],
  );

  // An older snapshot evaluated again (a rule fix) leaves the workflow as the newer one left it.
  await record(1, { p1: 'fail', p2: 'fail' });
  assert.equal((await page()).find((r) => r.id === p1)?.status, 'resolved');
  assert.equal((await listFindingHistory(db, p1)).length, 2);

  await record(3, { p1: 'fail', p2: 'fail' });
  assert.equal((await page()).find((r) => r.id === p1)?.status, 'regressed');
  assert.deepEqual(
    (await listFindingHistory(db, p1)).map((h) => h.text),
    ['found by scan 1', 'fixed, seen by scan 2', 'failing again, seen by scan 3'],
  );
  assert.equal(rows.find((r) => r.id !== p1)?.lastSeen, at(2).toISOString());
  assert.equal((await page()).find((r) => r.id !== p1)?.lastSeen, at(3).toISOString());
});
