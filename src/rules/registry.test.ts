import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { rule as domainRule } from './catalogue/identity/org_domain_verified.rule.ts';
import { rule as schemeRule } from './catalogue/jira/jira_permission_scheme_no_anyone.rule.ts';
import { frameworks } from './compliance/index.ts';
import { type CatalogueEntry, validateCatalogue } from './registry.ts';
import type { Rule } from './rule.ts';

const DOMAIN_FILE = 'identity/org_domain_verified.rule.ts';

function withMeta(rule: Rule, changes: Record<string, unknown>): Rule {
  return { ...rule, meta: { ...rule.meta, ...changes } as Rule['meta'] };
}

function problems(entries: CatalogueEntry[], existing: string[] = ['identity/org_domain_verified.test.ts']) {
  return validateCatalogue(entries, { frameworks, fileExists: (f) => existing.includes(f) }).map(
    (p) => p.code,
  );
}

test('a well-formed rule with its test file has no problem', () => {
  assert.deepEqual(problems([{ file: DOMAIN_FILE, rule: domainRule }]), []);
});

test('a rule whose id differs from its file name fails the registry', () => {
  assert.deepEqual(
    problems(
      [{ file: 'identity/org_domains_verified.rule.ts', rule: domainRule }],
      ['identity/org_domains_verified.test.ts'],
    ),
    ['id_not_file_name'],
  );
});

test('a rule filed under another area’s folder fails the registry', () => {
  assert.deepEqual(
    problems(
      [{ file: 'jira/org_domain_verified.rule.ts', rule: domainRule }],
      ['jira/org_domain_verified.test.ts'],
    ),
    ['area_not_folder'],
  );
});

test('two rules with the same id fail the registry', () => {
  const entries = [
    { file: DOMAIN_FILE, rule: domainRule },
    { file: DOMAIN_FILE, rule: domainRule },
  ];
  assert.deepEqual(problems(entries), ['duplicate_id']);
});

test('a rule without its test file fails the registry', () => {
  assert.deepEqual(problems([{ file: DOMAIN_FILE, rule: domainRule }], []), ['missing_test']);
});

test('a severity or area outside the fixed lists fails the registry', () => {
  assert.deepEqual(problems([{ file: DOMAIN_FILE, rule: withMeta(domainRule, { severity: 'urgent' }) }]), [
    'invalid_meta',
  ]);
  assert.deepEqual(
    problems([{ file: DOMAIN_FILE, rule: withMeta(domainRule, { area: 'identity-and-access' }) }]),
    ['invalid_meta'],
  );
});

test('empty remediation steps or references fail the registry', () => {
  const noSteps = withMeta(domainRule, { remediation: { ui: [], api: null } });
  const noReferences = withMeta(domainRule, { references: [] });
  assert.deepEqual(problems([{ file: DOMAIN_FILE, rule: noSteps }]), ['invalid_meta']);
  assert.deepEqual(problems([{ file: DOMAIN_FILE, rule: noReferences }]), ['invalid_meta']);
});

test('a compliance control the framework does not list fails the registry, naming it', () => {
  const rule = withMeta(domainRule, { compliance: { 'nist-800-53-r5': ['AC-2', 'AC-99'] } });
  const found = validateCatalogue([{ file: DOMAIN_FILE, rule }], { frameworks, fileExists: () => true });
  assert.deepEqual(
    found.map((p) => [p.code, p.message]),
    [['unknown_control', 'nist-800-53-r5 has no control "AC-99" (see src/rules/compliance/)']],
  );
});

test('an org-scoped rule that reads a site dataset fails the registry', () => {
  const rule = withMeta(domainRule, { requires: ['org.domains', 'jira.projects'] });
  assert.deepEqual(problems([{ file: DOMAIN_FILE, rule }]), ['org_rule_requires_site_data']);
});

test('a setting without a default fails the registry', () => {
  const rule: Rule = { ...domainRule, settings: z.object({ maxDays: z.number() }) };
  assert.deepEqual(problems([{ file: DOMAIN_FILE, rule }]), ['setting_without_default']);
});

test('problems in several rules are all reported with their files', () => {
  const found = validateCatalogue(
    [
      { file: DOMAIN_FILE, rule: withMeta(domainRule, { references: [] }) },
      { file: 'jira/jira_permission_scheme_no_anyone.rule.ts', rule: schemeRule },
    ],
    { frameworks, fileExists: () => false },
  );
  assert.deepEqual(
    found.map((p) => [p.file, p.code]),
    [
      [DOMAIN_FILE, 'invalid_meta'],
      ['jira/jira_permission_scheme_no_anyone.rule.ts', 'missing_test'],
    ],
  );
});
