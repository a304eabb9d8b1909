import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

// The SCD type 2 rule, in one place: version V sees a row when it was added at or before V and
// not yet removed at V. Publishing a version is therefore a single status update, and rows of a
// version still being built (added_in > every complete version) are invisible to readers.

export function visibleAt(version: number) {
  return (eb: ExpressionBuilder<Database, 'inventory_items'>) =>
    eb.and([
      eb('inventory_items.added_in', '<=', version),
      eb.or([eb('inventory_items.removed_in', 'is', null), eb('inventory_items.removed_in', '>', version)]),
    ]);
}
