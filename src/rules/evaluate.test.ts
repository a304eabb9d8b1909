import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import type { SubjectValue } from './attestation-subjects.ts';
import { rule as userInstalledRule } from './catalogue/apps/app_user_installed.rule.ts';
import { JIRA_DC } from './catalogue/data-center/product.ts';
import { dcSnapshot } from './catalogue/data-center/test-records.ts';
import type { DatasetRecord } from './dataset-catalogue.ts';
import { defineRule } from './define-rule.ts';
import { evaluateSnapshot } from './evaluate.ts';
import { fail, pass, unknown } from './outcome.ts';
import type { Rule } from './rule.ts';
import { runRule, verdicts } from './testing/run-rule.ts';
import { TEST_NOW, TEST_SITE, testAttestation, testSnapshot } from './testing/test-snapshot.ts';

// Engine behaviour, with small rules written for the purpose.

const base = {
  title: 'A rule written for the engine tests',
  severity: 'high',
  plan: 'any',
  description: 'Exercises one engine behaviour in a test.',
  risk: 'None: it exists for the engine tests.',
  remediation: { ui: ['Nothing to do.'], api: null },
  references: [{ title: 'Example', url: 'https://example.com/' }],
} as const;

type Domain = DatasetRecord<'org.domains'>;
const domain = (name: string, verified: boolean): Domain => ({
  id: name,
  name,
  claimType: 'dns',
  status: verified ? 'verified' : 'unverified',
  verified,
});

let calls = 0;
/** Passes each verified domain and fails the others; counts its calls. */
const perDomain = defineRule({
  ...base,
  id: 'test_domains_each',
  area: 'identity',
  scope: 'org',
  resourceType: 'domain',
  requires: ['org.domains'],
  credential: 'org-api-key',
  evaluate(ctx) {
    calls += 1;
    return ctx
      .items('org.domains')
      .map((d) =>
        d.verified ? pass({ id: d.id }, `${d.name} is verified.`) : fail({ id: d.id }, `${d.name} is not.`),
      );
  },
});

type Space = DatasetRecord<'confluence.spaces'>;
const space = (key: string, anonymousAccess: boolean): Space => ({
  id: key,
  key,
  name: key,
  type: 'global',
  status: 'current',
  anonymousAccess,
  unlicensedAccess: false,
  permissions: [],
});

/** A site rule: fails spaces open to anonymous users, on each site with Confluence. */
const spacesRule = defineRule({
  ...base,
  id: 'test_spaces_closed',
  area: 'confluence',
  scope: 'site',
  resourceType: 'space',
  requires: ['confluence.spaces'],
  credential: 'site-admin',
  evaluate: (ctx) =>
    ctx
      .items('confluence.spaces')
      .map((s) =>
        s.anonymousAccess
          ? fail({ id: s.key }, `${s.key} is open.`)
          : pass({ id: s.key }, `${s.key} is closed.`),
      ),
});

test('a forbidden dataset makes the rule unknown with the missing scope, and the rule is never called', () => {
  calls = 0;
  const results = runRule(
    perDomain,
    testSnapshot({
      outcomes: { 'org.domains': { status: 'forbidden', missingScope: 'read:domains:admin', reason: null } },
    }),
  );
  assert.equal(calls, 0);
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.basis, 'none');
  assert.equal(
    results[0]?.message,
    'Palisade was not allowed to read org.domains for the organization: the credential lacks read:domains:admin. Grant it and sync again.',
  );
});

test('a failed dataset makes the rule unknown with the sync’s reason', () => {
  const results = runRule(
    perDomain,
    testSnapshot({ outcomes: { 'org.domains': { status: 'failed', reason: 'HTTP 503 after 5 attempts' } } }),
  );
  assert.deepEqual(results[0]?.reasons, [
    { code: 'dataset_failed', dataset: 'org.domains', scope: 'org', detail: 'HTTP 503 after 5 attempts' },
  ]);
});

test('a dataset the sync never collected makes the rule unknown, never a pass', () => {
  const results = runRule(perDomain, testSnapshot());
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_not_collected');
});

test('on a partial dataset a failure stands but a pass becomes unknown', () => {
  const results = runRule(
    perDomain,
    testSnapshot({
      datasets: { 'org.domains': [domain('a.example', true), domain('b.example', false)] },
      outcomes: { 'org.domains': { status: 'partial', reason: 'page 3 timed out' } },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['unknown', 'a.example'],
    ['fail', 'b.example'],
  ]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_partial');
  assert.deepEqual(
    results.map((r) => r.basis),
    ['partial', 'partial'],
  );
});

test('complete data gives one result per resource, scoped to the organization', () => {
  const results = runRule(
    perDomain,
    testSnapshot({ datasets: { 'org.domains': [domain('a.example', true), domain('b.example', false)] } }),
  );
  assert.deepEqual(results[1], {
    ruleId: 'test_domains_each',
    resource: { type: 'domain', id: 'b.example', scope: 'org' },
    status: 'fail',
    message: 'b.example is not.',
    basis: 'complete',
  });
});

test('a rule with nothing to check in complete data passes the scope', () => {
  const results = runRule(perDomain, testSnapshot({ datasets: { 'org.domains': [] } }));
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(results[0]?.message, 'Nothing to check: no domain found.');
});

test('site rules run once per site on that site’s data, and not at all on sites without the product', () => {
  const eu = {
    ...TEST_SITE,
    cloudId: 'cloud-eu',
    name: 'acme-eu',
    products: { confluence: 'standard' as const },
  };
  const labs = {
    ...TEST_SITE,
    cloudId: 'cloud-labs',
    name: 'acme-labs',
    products: { jira: 'free' as const },
  };
  const snapshot = testSnapshot({
    sites: [TEST_SITE, eu, labs],
    datasets: { 'confluence.spaces': [space('ENG', false)] },
    views: [
      {
        name: 'confluence.spaces',
        scope: 'cloud-eu',
        outcome: { status: 'ok' },
        items: [space('PUB', true)],
      },
    ],
  });
  const results = runRule(spacesRule, snapshot);
  assert.deepEqual(
    results.map((r) => [r.status, r.resource.scope, r.resource.id]),
    [
      ['pass', 'cloud-acme', 'ENG'],
      ['fail', 'cloud-eu', 'PUB'],
      ['not_applicable', 'cloud-labs', 'cloud-labs'],
    ],
  );
  assert.deepEqual(results[2]?.reasons, [
    { code: 'product_absent', appliesTo: ['confluence'], site: ['jira'] },
  ]);
  assert.equal(
    results[2]?.message,
    'Applies to Confluence Cloud sites; this is a Cloud site with Jira only.',
  );
});

test('a missing site credential makes only that site unknown', () => {
  const other = { ...TEST_SITE, cloudId: 'cloud-2', name: 'acme2', hasCredential: false };
  const results = runRule(
    spacesRule,
    testSnapshot({ sites: [TEST_SITE, other], datasets: { 'confluence.spaces': [] } }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'cloud-acme'],
    ['unknown', 'cloud-2'],
  ]);
  assert.deepEqual(results[1]?.reasons, [{ code: 'credential_missing', credential: 'site-admin' }]);
});

const premiumOnly: Rule = { ...spacesRule, meta: { ...spacesRule.meta, plan: 'premium' } };
const guardPremium: Rule = { ...perDomain, meta: { ...perDomain.meta, plan: 'guard-premium' } };

test('a plan below the rule’s is not applicable, naming both plans', () => {
  const standard = { ...TEST_SITE, products: { confluence: 'standard' as const } };
  const results = runRule(
    premiumOnly,
    testSnapshot({ sites: [standard], datasets: { 'confluence.spaces': [] } }),
  );
  assert.deepEqual(verdicts(results), [['not_applicable', 'cloud-acme']]);
  assert.equal(
    results[0]?.message,
    'The control needs the Premium plan or above; the organization has the Standard plan.',
  );
});

test('a plan Palisade could not read makes the rule unknown rather than not applicable', () => {
  const unread = { ...TEST_SITE, products: { confluence: null } };
  assert.deepEqual(verdicts(runRule(premiumOnly, testSnapshot({ sites: [unread] }))), [
    ['unknown', 'cloud-acme'],
  ]);
  const noGuardInfo = testSnapshot({ org: { guard: null }, datasets: { 'org.domains': [] } });
  assert.equal(runRule(guardPremium, noGuardInfo)[0]?.reasons?.[0]?.code, 'plan_unknown');
});

test('a Guard tier below the rule’s is not applicable', () => {
  const results = runRule(
    guardPremium,
    testSnapshot({ org: { guard: 'standard' }, datasets: { 'org.domains': [] } }),
  );
  assert.deepEqual(verdicts(results), [['not_applicable', 'org-1']]);
  assert.equal(
    results[0]?.message,
    'The control needs Atlassian Guard Premium; the organization has Atlassian Guard Standard.',
  );
});

test('an org rule that needs a product plan applies when any site has it', () => {
  const ipRule: Rule = { ...perDomain, meta: { ...perDomain.meta, plan: 'premium' } };
  const free = { ...TEST_SITE, cloudId: 'c-free', products: { jira: 'free' as const } };
  const premium = { ...TEST_SITE, cloudId: 'c-prem', products: { confluence: 'premium' as const } };
  const domains = { 'org.domains': [domain('a.example', true)] };
  assert.deepEqual(verdicts(runRule(ipRule, testSnapshot({ sites: [free, premium], datasets: domains }))), [
    ['pass', 'a.example'],
  ]);
  assert.deepEqual(verdicts(runRule(ipRule, testSnapshot({ sites: [free], datasets: domains }))), [
    ['not_applicable', 'org-1'],
  ]);
});

const maxDomains = defineRule({
  ...base,
  id: 'test_max_domains',
  area: 'identity',
  scope: 'org',
  resourceType: 'org',
  requires: ['org.domains'],
  credential: 'org-api-key',
  settings: z.object({ max: z.number().int().positive().default(2).describe('Most domains allowed.') }),
  evaluate(ctx) {
    const n = ctx.items('org.domains').length;
    return [
      n <= ctx.settings.max ? pass({ id: 'org-1' }, `${n} domains.`) : fail({ id: 'org-1' }, `${n} domains.`),
    ];
  },
});

test('settings default until the organization overrides them', () => {
  const snapshot = testSnapshot({
    datasets: { 'org.domains': [domain('a', true), domain('b', true), domain('c', true)] },
  });
  assert.deepEqual(verdicts(runRule(maxDomains, snapshot)), [['fail', 'org-1']]);
  assert.deepEqual(verdicts(runRule(maxDomains, snapshot, { settings: { test_max_domains: { max: 5 } } })), [
    ['pass', 'org-1'],
  ]);
});

test('an invalid settings override makes the rule unknown and says what is wrong', () => {
  const snapshot = testSnapshot({ datasets: { 'org.domains': [] } });
  const typo = runRule(maxDomains, snapshot, { settings: { test_max_domains: { maximum: 5 } } });
  assert.deepEqual(verdicts(typo), [['unknown', 'org-1']]);
  assert.match(typo[0]?.message ?? '', /unknown setting maximum \(settings: max\)/);
  const wrongType = runRule(maxDomains, snapshot, { settings: { test_max_domains: { max: 'five' } } });
  assert.equal(wrongType[0]?.reasons?.[0]?.code, 'invalid_settings');
});

test('a rule that throws is unknown with the error, and the other rules still run', () => {
  const broken = defineRule({
    ...base,
    id: 'test_broken',
    area: 'identity',
    scope: 'org',
    resourceType: 'org',
    requires: ['org.domains'],
    credential: 'org-api-key',
    evaluate() {
      throw new TypeError('cannot read properties of undefined');
    },
  });
  const { results } = evaluateSnapshot(
    [broken, perDomain],
    testSnapshot({ datasets: { 'org.domains': [domain('a', true)] } }),
  );
  assert.deepEqual(
    results.map((r) => [r.ruleId, r.status]),
    [
      ['test_broken', 'unknown'],
      ['test_domains_each', 'pass'],
    ],
  );
  assert.deepEqual(results[0]?.reasons, [
    { code: 'rule_error', detail: 'cannot read properties of undefined' },
  ]);
});

test('a rule that returns the same resource twice is reported as a rule error, not stored twice', () => {
  const twice = defineRule({
    ...base,
    id: 'test_twice',
    area: 'identity',
    scope: 'org',
    resourceType: 'org',
    requires: ['org.domains'],
    credential: 'org-api-key',
    evaluate: () => [pass({ id: 'x' }, 'One.'), fail({ id: 'x' }, 'Two.')],
  });
  const results = runRule(twice, testSnapshot({ datasets: { 'org.domains': [] } }));
  assert.equal(results[0]?.reasons?.[0]?.code, 'rule_error');
  assert.match(results[0]?.message ?? '', /returned twice/);
});

test('a rule may say a resource is unknown itself, with its own reason', () => {
  const partialInfo = defineRule({
    ...base,
    id: 'test_rule_unknown',
    area: 'identity',
    scope: 'org',
    resourceType: 'domain',
    requires: ['org.domains'],
    credential: 'org-api-key',
    evaluate: (ctx) =>
      ctx.items('org.domains').map((d) => unknown({ id: d.id }, `${d.name} has no claim type.`)),
  });
  const results = runRule(partialInfo, testSnapshot({ datasets: { 'org.domains': [domain('a', true)] } }));
  assert.deepEqual(results[0]?.reasons, [{ code: 'rule_reported', detail: 'a has no claim type.' }]);
  assert.equal(results[0]?.basis, 'complete');
});

const contextRule = defineRule({
  ...base,
  id: 'test_optional_context',
  area: 'jira',
  scope: 'site',
  resourceType: 'permission-scheme',
  requires: ['jira.permission-schemes'],
  optional: ['jira.projects'],
  credential: 'site-admin',
  evaluate: (ctx) =>
    ctx
      .items('jira.permission-schemes')
      .map((s) =>
        pass({ id: String(s.id) }, `projects known: ${ctx.optional('jira.projects') !== undefined}`),
      ),
});

test('a missing optional dataset leaves the verdict to the required ones', () => {
  const scheme = { id: 1, name: 'S', description: null, grants: [] };
  const results = runRule(
    contextRule,
    testSnapshot({
      datasets: { 'jira.permission-schemes': [scheme] },
      outcomes: { 'jira.projects': { status: 'forbidden', missingScope: null, reason: null } },
    }),
  );
  assert.deepEqual(verdicts(results), [['pass', '1']]);
  assert.equal(results[0]?.message, 'projects known: false');
});

type Mobile = SubjectValue<'attested.mobile-policy'>;
const mobileRule = defineRule({
  ...base,
  id: 'test_mobile_policy',
  area: 'identity',
  scope: 'org',
  resourceType: 'mobile-policy',
  requires: ['attested.mobile-policy'],
  credential: 'none',
  evaluate(ctx) {
    const { value } = ctx.attested('attested.mobile-policy');
    return [
      value.mobileAppPolicyConfigured
        ? pass({ id: 'mobile' }, 'Configured.')
        : fail({ id: 'mobile' }, 'Not configured.'),
    ];
  },
});

test('an attested setting is evaluated from the latest attestation made by the evaluation time', () => {
  const older = testAttestation(
    'attested.mobile-policy',
    { mobileAppPolicyConfigured: false } satisfies Mobile,
    {
      attestedAt: '2025-05-01T00:00:00.000Z',
    },
  );
  const newer = testAttestation('attested.mobile-policy', {
    mobileAppPolicyConfigured: true,
  } satisfies Mobile);
  const future = testAttestation(
    'attested.mobile-policy',
    { mobileAppPolicyConfigured: false } satisfies Mobile,
    {
      attestedAt: '2025-07-01T00:00:00.000Z',
      expiresAt: '2025-12-01T00:00:00.000Z',
    },
  );
  const results = runRule(mobileRule, testSnapshot(), { attestations: [older, newer, future] });
  assert.deepEqual(verdicts(results), [['pass', 'mobile']]);
  assert.equal(results[0]?.attestations?.[0]?.id, newer.id);
});

test('an expired attestation makes the rule unknown again and is reported once', () => {
  const lapsed = testAttestation(
    'attested.mobile-policy',
    { mobileAppPolicyConfigured: true } satisfies Mobile,
    {
      attestedAt: '2025-01-01T00:00:00.000Z',
      expiresAt: TEST_NOW.toISOString(),
    },
  );
  const evaluation = evaluateSnapshot([mobileRule, mobileRule], testSnapshot(), { attestations: [lapsed] });
  assert.deepEqual(verdicts(evaluation.results), [
    ['unknown', 'org-1'],
    ['unknown', 'org-1'],
  ]);
  assert.equal(
    evaluation.results[0]?.message,
    `The attestation of attested.mobile-policy (${lapsed.id}) expired on ${lapsed.expiresAt}; re-attest it.`,
  );
  assert.deepEqual(
    evaluation.expiredAttestations.map((a) => a.id),
    [lapsed.id],
  );
});

test('an attestation whose value no longer fits its form is unknown rather than trusted', () => {
  const stale = testAttestation('attested.mobile-policy', { configured: true } as unknown as Mobile);
  const results = runRule(mobileRule, testSnapshot(), { attestations: [stale] });
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_invalid');
});

test('the evaluation carries the snapshot version and time, and the same input gives the same output', () => {
  const snapshot = testSnapshot({ version: 7, datasets: { 'org.domains': [domain('a', false)] } });
  const first = evaluateSnapshot([perDomain, spacesRule], snapshot);
  assert.equal(first.snapshotVersion, 7);
  assert.equal(first.evaluatedAt, TEST_NOW.toISOString());
  assert.deepEqual(evaluateSnapshot([perDomain, spacesRule], snapshot), first);
});

test('a rule on the Cloud app inventory does not apply to a Data Center site, where that inventory cannot exist', () => {
  const results = runRule(userInstalledRule, dcSnapshot(JIRA_DC));
  assert.deepEqual(
    results.map((r) => [r.status, r.resource.id]),
    [['not_applicable', 'dc-jira.acme.example']],
  );
  assert.equal(
    results[0]?.message,
    'Applies to Jira and Confluence Cloud sites; this is a Jira Data Center instance.',
  );
});

test('a Cloud rule on a Bitbucket workspace says it applies to Cloud sites and names the workspace as one', () => {
  const workspace = { ...TEST_SITE, cloudId: 'bb-acme', name: 'acme', products: { bitbucket: null } };
  const results = runRule(userInstalledRule, testSnapshot({ sites: [workspace] }));
  assert.deepEqual(
    results.map((r) => [r.status, r.message]),
    [['not_applicable', 'Applies to Jira and Confluence Cloud sites; this is a Bitbucket Cloud workspace.']],
  );
});
