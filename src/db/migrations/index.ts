import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-initial.ts';

// A static list rather than a folder scan: no filesystem access at run time, and type stripping
// needs explicit `.ts` imports. Append only: never edit or reorder a migration once committed.
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
};
