import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { CONFLUENCE_DC, JIRA_DC } from '../data-center/product.ts';
import { dcSite, dcSnapshot, systemPlugin } from '../data-center/test-records.ts';
import { rule } from './dc_html_macro_disabled.rule.ts';

type Plugin = DatasetRecord<'dc.plugins'>;

const KEY = 'confluence.macros.html';
const macros = (fields: Partial<Plugin> = {}) =>
  systemPlugin(CONFLUENCE_DC, KEY, { name: 'Confluence HTML Macros', ...fields });
/** The plugin as a collector that keeps UPM's module states would store it. */
const withModules = (html: boolean, include: boolean) => ({
  ...macros(),
  modules: [
    { key: 'html', enabled: html },
    { key: 'html-include', enabled: include },
    { key: 'rss', enabled: true },
  ],
});
const run = (plugins: Plugin[]) =>
  runRule(rule, dcSnapshot(CONFLUENCE_DC, { datasets: { 'dc.plugins': plugins } }));

test('both HTML macro modules disabled pass', () => {
  const results = run([withModules(false, false)]);
  assert.deepEqual(verdicts(results), [['pass', KEY]]);
});

test('an enabled HTML macro module fails, naming it', () => {
  const results = run([withModules(true, false)]);
  assert.deepEqual(verdicts(results), [['fail', KEY]]);
  assert.equal(results[0]?.message, 'The html macro modules are enabled: page editors can run scripts.');
});

test('the plugin disabled, or not installed, passes', () => {
  assert.deepEqual(verdicts(run([macros({ enabled: false })])), [['pass', KEY]]);
  assert.deepEqual(verdicts(run([])), [['pass', dcSite(CONFLUENCE_DC).cloudId]]);
});

test('an enabled plugin whose module states were not recorded is unknown, never a pass', () => {
  const results = run([macros()]);
  assert.deepEqual(verdicts(results), [['unknown', KEY]]);
});

test('plugins the credential may not list make the site unknown', () => {
  const results = runRule(
    rule,
    dcSnapshot(CONFLUENCE_DC, {
      outcomes: { 'dc.plugins': { status: 'forbidden', missingScope: null, reason: 'HTTP 401' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', dcSite(CONFLUENCE_DC).cloudId]]);
});

test('Jira Data Center and Confluence Cloud sites are not judged', () => {
  const jira = runRule(rule, dcSnapshot(JIRA_DC, { datasets: { 'dc.plugins': [] } }));
  assert.equal(jira[0]?.status, 'not_applicable');
  const cloud = runRule(rule, testSnapshot({ datasets: { 'dc.plugins': [] } }));
  assert.deepEqual(verdicts(cloud), [['not_applicable', TEST_SITE.cloudId]]);
});
