import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from './random.ts';

test('the same seed gives the same sequence and another seed another one', () => {
  const a = new Random(7);
  const b = new Random(7);
  const c = new Random(8);
  const seqA = Array.from({ length: 20 }, () => a.next());
  assert.deepEqual(
    seqA,
    Array.from({ length: 20 }, () => b.next()),
  );
  assert.notDeepEqual(
    seqA,
    Array.from({ length: 20 }, () => c.next()),
  );
});

test('uuids are well formed and sample returns distinct items', () => {
  const r = new Random(1);
  assert.match(r.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const picked = r.sample([1, 2, 3, 4, 5, 6], 4);
  assert.equal(new Set(picked).size, 4);
});
