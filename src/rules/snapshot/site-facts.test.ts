import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confluencePlan, jiraPlan, siteName, siteProducts } from './site-facts.ts';

test('a Jira licence tells the Free plan, but a paid one leaves the plan unknown', () => {
  assert.equal(jiraPlan([{ applicationId: 'jira-software', plan: 'FREE' }]), 'free');
  assert.equal(jiraPlan([{ applicationId: 'jira-software', plan: 'PAID' }]), null);
  assert.equal(jiraPlan([]), null);
});

test('the Confluence edition is its plan, whatever its case; anything else is unknown', () => {
  assert.equal(confluencePlan('premium'), 'premium');
  assert.equal(confluencePlan('Enterprise'), 'enterprise');
  assert.equal(confluencePlan('beta'), null);
  assert.equal(confluencePlan(null), null);
});

test('a site has Jira Service Management when its licence lists it', () => {
  const products = siteProducts({
    products: ['jira', 'confluence'],
    licence: [
      { applicationId: 'jira-software', plan: 'PAID' },
      { applicationId: 'jira-servicedesk', plan: 'FREE' },
    ],
    edition: 'standard',
    workspaces: [],
  });
  assert.deepEqual(products, { jira: null, 'jira-service-management': 'free', confluence: 'standard' });
});

test('products whose facts were not read are present with an unknown plan', () => {
  assert.deepEqual(
    siteProducts({
      products: ['jira', 'confluence'],
      licence: undefined,
      edition: undefined,
      workspaces: [],
    }),
    {
      jira: null,
      confluence: null,
    },
  );
});

test('a Bitbucket workspace has the bitbucket product, its plan unknown', () => {
  assert.deepEqual(
    siteProducts({ products: ['bitbucket'], licence: undefined, edition: undefined, workspaces: [] }),
    { bitbucket: null },
  );
});

test('a site is named after its workspace, else after its atlassian.net sub-domain or its Bitbucket workspace slug', () => {
  const workspace = { cloudId: 'c1', product: 'jira', typeKey: 'jira-software', name: 'acme' };
  assert.equal(siteName('http://127.0.0.1:4000', [workspace]), 'acme');
  assert.equal(siteName('https://acme-labs.atlassian.net', []), 'acme-labs');
  assert.equal(siteName('http://127.0.0.1:4000', []), '127.0.0.1');
  assert.equal(siteName('https://bitbucket.org/acme', []), 'acme');
});

test('a Data Center instance holds its product with no plan, and is named by the base URL it says it has', () => {
  const dc = { licence: undefined, edition: undefined, workspaces: [] };
  assert.deepEqual(siteProducts({ ...dc, products: ['jira-data-center'] }), { 'jira-data-center': null });
  assert.deepEqual(siteProducts({ ...dc, products: ['confluence-data-center'] }), {
    'confluence-data-center': null,
  });
  assert.equal(siteName('http://127.0.0.1:4100', [], 'https://jira.acme-dc.example'), 'jira.acme-dc.example');
  assert.equal(siteName('https://wiki.acme.example/confluence', [], null), 'wiki.acme.example');
});
