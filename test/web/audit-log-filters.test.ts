import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiQueryOf, csvHref, filtersOf } from '../../web/src/features/audit-log/audit-filters.ts';

test('the audit log filters come from the page address and become the API query, days as whole local days', () => {
  const filters = filtersOf(
    new URLSearchParams('action=exception.create&from=2026-12-01&to=2026-12-02&junk=1&subject='),
  );
  assert.deepEqual(filters, { action: 'exception.create', from: '2026-12-01', to: '2026-12-02' });
  const query = apiQueryOf(filters);
  assert.equal(query.from, new Date(2026, 11, 1).toISOString());
  assert.equal(query.to, new Date(2026, 11, 2, 23, 59, 59).toISOString());
  assert.equal(apiQueryOf({ from: 'not a day' }).from, undefined);
  assert.equal(csvHref({}), '/api/v1/audit-log.csv');
  assert.equal(csvHref({ actor: 'u 1' }), '/api/v1/audit-log.csv?actor=u+1');
});
