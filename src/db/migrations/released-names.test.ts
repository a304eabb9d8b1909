import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrations } from './index.ts';

// A database records the name of every migration applied to it (kysely_migration). A name it holds
// that this Palisade does not know makes `migrateToLatest` refuse the database as written by a
// newer Palisade, so renaming a migration that has been released locks its users out. These are
// the names released so far; a new migration is appended after them.
const RELEASED = [
  '0001-initial',
  '0002-findings',
  '0003-app-governance',
  '0004-app-actions',
  '0005-dataset-warnings',
  '0006-scan-leases',
  '0007-palisade-meta',
  '0008-server',
  '0009-connection-permissions',
  '0010-finding-workflow',
  '0011-job-failures',
  '0012-notifications',
  '0013-findings-by-severity',
  '0015-app-judgements',
];

test('every migration name already released is kept, in its order, and new ones come after it', () => {
  const names = Object.keys(migrations);
  assert.deepEqual(names.slice(0, RELEASED.length), RELEASED);
  const newer = names.slice(RELEASED.length);
  assert.ok(newer.every((name) => name > (RELEASED.at(-1) ?? '')));
});
