import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

// `GET /wiki/rest/api/user/current`: who the caller is and, with `expand=operations`, its global
// operations, `administer` on `application` marking a Confluence administrator.

interface CurrentUser {
  type: string;
  accountId: string;
  operations?: { operation: string; targetType: string }[];
  _expandable?: Record<string, string>;
}

const h = useHarness();

const current = (auth: string | undefined, query = '?expand=operations') =>
  h.get(`${h.siteA}/wiki/rest/api/user/current${query}`, auth);

test('a Confluence administrator holds administer on the application', async () => {
  const res = await current(h.adminBasic);
  assert.equal(res.status, 200);
  const me = (await res.json()) as CurrentUser;
  assert.equal(me.type, 'known');
  assert.equal(me.accountId, TINY.admin);
  assert.deepEqual(me.operations, [
    { operation: 'use', targetType: 'application' },
    { operation: 'create_space', targetType: 'application' },
    { operation: 'administer', targetType: 'application' },
  ]);
});

test('a plain user may use Confluence but not administer it', async () => {
  const me = (await (await current(h.memberBasic)).json()) as CurrentUser;
  assert.equal(me.accountId, TINY.member);
  assert.equal(
    me.operations?.some((o) => o.operation === 'administer'),
    false,
  );
  assert.ok(me.operations?.some((o) => o.operation === 'use' && o.targetType === 'application'));
});

test('operations show only when expanded, and the caller must be signed in', async () => {
  const me = (await (await current(h.adminBasic, '')).json()) as CurrentUser;
  assert.equal(me.operations, undefined);
  assert.equal(me._expandable?.operations, '');
  assert.equal((await current(undefined)).status, 401);
});
