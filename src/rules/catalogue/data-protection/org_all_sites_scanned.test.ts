import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_all_sites_scanned.rule.ts';

type Workspace = DatasetRecord<'org.workspaces'>;

function workspace(
  product: string,
  cloudId: string,
  name: string,
  extra: Partial<Workspace> = {},
): Workspace {
  return {
    id: `ari:cloud:${product}::site/${cloudId}`,
    cloudId,
    product,
    name,
    typeKey: product === 'jira' ? 'jira-software' : product,
    status: 'online',
    hostUrl: `https://${name}.atlassian.net`,
    usage: 10,
    sandbox: false,
    ...extra,
  };
}

// TEST_SITE (cloud-acme) is scanned with Jira and Confluence.
const acmeJira = workspace('jira', 'cloud-acme', 'acme');
const acmeConf = workspace('confluence', 'cloud-acme', 'acme');
const labs = workspace('jira', 'cloud-labs', 'acme-labs');
const sandbox = workspace('jira', 'cloud-sbx', 'acme-sandbox-123', { sandbox: true });

function run(workspaces: Workspace[], settings?: Record<string, unknown>, sites = [TEST_SITE]) {
  return runRule(rule, testSnapshot({ sites, datasets: { 'org.workspaces': workspaces } }), {
    ...(settings ? { settings: { org_all_sites_scanned: settings } } : {}),
  });
}

test('a site the organization lists but the scan was not given fails, naming its URL and products', () => {
  const results = run([acmeJira, acmeConf, labs]);
  assert.deepEqual(verdicts(results), [
    ['pass', 'cloud-acme'],
    ['fail', 'cloud-labs'],
  ]);
  assert.equal(results[0]?.message, 'The site acme (Jira and Confluence) is scanned.');
  assert.equal(
    results[1]?.message,
    'The organization lists the site acme-labs (https://acme-labs.atlassian.net) with Jira, but this scan did not read it: none of its checks ran.',
  );
  assert.deepEqual(results[1]?.evidence, {
    url: 'https://acme-labs.atlassian.net',
    sandbox: false,
    products: ['jira'],
    unread: ['jira'],
  });
});

test('an unscanned sandbox fails as a sandbox, unless sandboxes are left out by setting', () => {
  const results = run([acmeJira, sandbox]);
  assert.deepEqual(verdicts(results), [
    ['pass', 'cloud-acme'],
    ['fail', 'cloud-sbx'],
  ]);
  assert.match(results[1]?.message ?? '', /^The organization lists the sandbox site acme-sandbox-123 /);
  const excluded = run([acmeJira, sandbox], { includeSandboxes: false });
  assert.deepEqual(verdicts(excluded), [
    ['pass', 'cloud-acme'],
    ['not_applicable', 'cloud-sbx'],
  ]);
});

test('a product the organization lists on a scanned site that the scan did not read fails', () => {
  const jiraOnly = { ...TEST_SITE, products: { jira: null } };
  const results = run([acmeJira, acmeConf], undefined, [jiraOnly]);
  assert.deepEqual(verdicts(results), [['fail', 'cloud-acme']]);
  assert.match(
    results[0]?.message ?? '',
    /lists Confluence on the site acme \(https:\/\/acme\.atlassian\.net\)/,
  );
});

test('matching is by cloud id, so a renamed site still counts; offline and non-site workspaces are left out', () => {
  const renamed = workspace('jira', 'CLOUD-ACME', 'acme-new', { hostUrl: 'https://acme-new.atlassian.net' });
  const offline = workspace('jira', 'cloud-old', 'acme-old', { status: 'offline' });
  const bitbucket = { ...workspace('bitbucket', 'cloud-bb', 'acme-bb'), typeKey: 'bitbucket' };
  const trello = { ...workspace('trello', 'x', 'trello'), cloudId: null };
  const results = run([renamed, offline, bitbucket, trello]);
  assert.deepEqual(verdicts(results), [['pass', 'cloud-acme']]);
});

test('without the workspace list the rule is unknown, never a pass', () => {
  const results = runRule(
    rule,
    testSnapshot({
      outcomes: {
        'org.workspaces': { status: 'forbidden', missingScope: 'read:workspaces:admin', reason: null },
      },
    }),
  );
  assert.deepEqual(
    verdicts(results).map(([status]) => status),
    ['unknown'],
  );
});
