import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appsForge, confluenceAudit, confluenceSpaces, jiraServerInfo } from '../inventory/datasets/index.ts';
import { judgeAccess, roleOf, type SiteAccess, type SiteRights } from './credential-access.ts';

const access = (
  rights: SiteRights,
  products: ('jira' | 'confluence')[] = ['jira', 'confluence'],
): SiteAccess => ({
  cloudId: 'c1',
  accountId: 'a1',
  ...rights,
  role: roleOf(rights, products),
  evidence: [],
});

const plainUser = access({
  jiraAccess: true,
  jiraAdmin: false,
  confluenceAccess: true,
  confluenceAdmin: false,
});

test('the role is the strongest right established, and unknown when the checks could not tell', () => {
  assert.equal(roleOf({ orgAdmin: true, jiraAdmin: false }, ['jira']), 'org-admin');
  assert.equal(roleOf({ siteAdmin: true, jiraAdmin: true }, ['jira']), 'site-admin');
  assert.equal(roleOf({ jiraAdmin: false, confluenceAdmin: true }, ['jira', 'confluence']), 'product-admin');
  assert.equal(plainUser.role, 'user');
  assert.equal(roleOf({ jiraAccess: false, jiraAdmin: false }, ['jira']), 'no-access');
  // Product access, but whether it administers Confluence is not known: not called a plain user.
  assert.equal(
    roleOf({ jiraAccess: true, jiraAdmin: false, confluenceAccess: true }, ['jira', 'confluence']),
    'unknown',
  );
  assert.equal(roleOf({}, ['jira']), 'unknown');
});

test('an admin-only dataset is forbidden for a plain user, naming the right and who the credential is', () => {
  const judged = judgeAccess(confluenceAudit.access, plainUser, ['jira', 'confluence']);
  assert.deepEqual(judged, {
    kind: 'forbidden',
    reason: 'needs Confluence administrator; the credential is a plain user on this site',
    missing: 'Confluence administrator',
  });
});

test('a listing that hides items from a plain user is read, but only partial', () => {
  const judged = judgeAccess(confluenceSpaces.access, plainUser, ['confluence']);
  assert.equal(judged.kind, 'partial');
  assert.ok(judged.kind === 'partial' && judged.missing === 'Confluence administrator');
  assert.match(
    judged.kind === 'partial' ? judged.reason : '',
    /space listing leaves out .*plain user on this site/,
  );
});

test('nothing is judged when the right is held, unknown, or not needed', () => {
  const admin = access({ jiraAdmin: true, confluenceAdmin: true });
  assert.deepEqual(judgeAccess(confluenceAudit.access, admin, ['confluence']), { kind: 'whole' });
  assert.deepEqual(judgeAccess(confluenceAudit.access, access({ jiraAdmin: false }), ['confluence']), {
    kind: 'whole',
  });
  assert.deepEqual(judgeAccess(confluenceAudit.access, undefined, ['confluence']), { kind: 'whole' });
  assert.deepEqual(judgeAccess(jiraServerInfo.access, plainUser, ['jira']), { kind: 'whole' });
});

test('app datasets read per product are forbidden only when the credential administers no product of the site', () => {
  const jiraAdminOnly = access({ jiraAdmin: true, confluenceAdmin: false });
  assert.deepEqual(judgeAccess(appsForge.access, jiraAdminOnly, ['jira', 'confluence']), { kind: 'whole' });
  const judged = judgeAccess(appsForge.access, plainUser, ['jira', 'confluence']);
  assert.equal(judged.kind, 'forbidden');
  assert.equal(
    judged.kind === 'forbidden' ? judged.missing : '',
    'Jira administrator (Administer Jira global permission) or Confluence administrator',
  );
});
