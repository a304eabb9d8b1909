import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { Rule } from '../../rule.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import type { DcProduct } from './product.ts';
import { dcSite, dcSnapshot, serverInfo } from './test-records.ts';

type Link = DatasetRecord<'dc.application-links'>;

/** The behaviour of an application links rule made by applicationLinksRule, for one product. */
export function applicationLinksCases(rule: Rule, p: DcProduct): void {
  const link = (id: string, url: string, fields: Partial<Link> = {}): Link => ({
    product: p.product,
    id,
    name: id,
    type: 'bitbucket',
    displayUrl: url,
    rpcUrl: url,
    host: new URL(url).hostname,
    primary: true,
    system: false,
    oauth: true,
    oauthImpersonation: false,
    trustedApps: false,
    basicAccess: false,
    ...fields,
  });
  const run = (links: Link[], settings?: object, baseUrl = dcSite(p).url) =>
    runRule(
      rule,
      dcSnapshot(p, {
        datasets: { 'dc.application-links': links, 'dc.server-info': [serverInfo(p, { baseUrl })] },
      }),
      { settings: settings ? { [rule.meta.id]: settings } : {} },
    );

  test(`a link from ${p.name} to a host of the organization's domain over HTTPS with OAuth passes`, () => {
    const results = run([link('Bitbucket', 'https://git.acme.example')]);
    assert.deepEqual(verdicts(results), [['pass', 'Bitbucket']]);
    assert.equal(results[0]?.resource.name, 'Bitbucket (git.acme.example)');
    assert.equal(results[0]?.resource.type, 'application-link');
  });

  test('a link to an unknown host fails, unless its domain is trusted in the settings', () => {
    const links = [link('Partner', 'https://jira.partner.example')];
    const results = run(links);
    assert.deepEqual(verdicts(results), [['fail', 'Partner']]);
    assert.match(results[0]?.message ?? '', /its host jira\.partner\.example is outside acme\.example/);
    assert.deepEqual(verdicts(run(links, { trustedDomains: ['partner.example'] })), [['pass', 'Partner']]);
  });

  test('plain HTTP, Trusted Applications and basic access fail, each named', () => {
    const results = run([
      link('Legacy', 'http://old.acme.example', { trustedApps: true, basicAccess: true }),
    ]);
    assert.deepEqual(verdicts(results), [['fail', 'Legacy']]);
    assert.equal(
      results[0]?.message,
      'The link to Legacy: it uses plain HTTP; it authenticates with Trusted Applications; it authenticates with basic access.',
    );
  });

  test('the configured base URL names the organization’s domain, not the address Palisade connects to', () => {
    const internal = { ...dcSite(p), url: 'http://10.0.0.5:8080' };
    const links = [link('Confluence', 'https://wiki.acme.example')];
    const at = (baseUrl: string) =>
      runRule(
        rule,
        testSnapshot({
          sites: [internal],
          datasets: { 'dc.application-links': links, 'dc.server-info': [serverInfo(p, { baseUrl })] },
        }),
      );
    assert.deepEqual(verdicts(at('https://jira.acme.example/jira')), [['pass', 'Confluence']]);
    const unnamed = at('http://10.0.0.5:8080');
    assert.deepEqual(verdicts(unnamed), [['fail', 'Confluence']]);
    assert.match(unnamed[0]?.message ?? '', /outside any trusted domain/);
  });

  test('without the site’s version and base URL the links are unknown', () => {
    const results = runRule(
      rule,
      dcSnapshot(p, {
        datasets: { 'dc.application-links': [link('Bitbucket', 'https://git.acme.example')] },
        outcomes: { 'dc.server-info': { status: 'failed', reason: 'HTTP 500' } },
      }),
    );
    assert.deepEqual(verdicts(results), [['unknown', dcSite(p).cloudId]]);
  });

  test('links read only in part cannot pass', () => {
    const results = runRule(
      rule,
      dcSnapshot(p, {
        datasets: {
          'dc.application-links': [link('Bitbucket', 'https://git.acme.example')],
          'dc.server-info': [serverInfo(p)],
        },
        outcomes: { 'dc.application-links': { status: 'partial', reason: 'one link could not be read' } },
      }),
    );
    assert.deepEqual(verdicts(results), [['unknown', 'Bitbucket']]);
  });

  test('no links at all passes: nothing is trusted', () => {
    assert.deepEqual(verdicts(run([])), [['pass', dcSite(p).cloudId]]);
  });
}
