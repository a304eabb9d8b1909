import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReport } from '../build-report.ts';
import { sampleInput } from '../testing/sample-input.ts';
import { sarifValidator } from '../testing/validators.ts';
import { renderSarif, SARIF_SCHEMA_URI } from './render-sarif.ts';

// The parts of a SARIF log the tests read back.
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: string };
  properties: Record<string, unknown>;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  kind: string;
  level: string;
  locations: { logicalLocations: { fullyQualifiedName: string }[] }[];
  partialFingerprints: Record<string, string>;
  suppressions?: unknown[];
  properties: { status: string };
}
interface SarifLog {
  version: string;
  $schema: string;
  runs: { tool: { driver: { name: string; version: string; rules: SarifRule[] } }; results: SarifResult[] }[];
}

const validate = sarifValidator();
const sarif = (): SarifLog => JSON.parse(renderSarif(buildReport(sampleInput())));

test('the SARIF log validates against the SARIF 2.1.0 schema', () => {
  const log = sarif();
  assert.deepEqual(validate(log), []);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.$schema, SARIF_SCHEMA_URI);
});

test('the validator used is strict enough to refuse an invalid log', () => {
  const log = sarif();
  log.runs[0]!.results[0]!.level = 'critical';
  assert.ok(validate(log).some((e) => e.includes('level')));
  const noDriver = sarif();
  delete (noDriver.runs[0]!.tool as Partial<SarifLog['runs'][number]['tool']>).driver;
  assert.ok(validate(noDriver).length > 0);
});

test('every evaluated rule is a reportingDescriptor with its title, help from the remediation and a helpUri', () => {
  const report = buildReport(sampleInput());
  const { driver } = (JSON.parse(renderSarif(report)) as SarifLog).runs[0]!.tool;
  assert.equal(driver.name, 'Palisade');
  assert.equal(driver.version, '0.1.0');
  assert.deepEqual(
    driver.rules.map((r) => r.id),
    report.rules.map((r) => r.id),
  );
  const scheme = driver.rules.find((r) => r.id === 'jira_permission_scheme_no_anyone')!;
  assert.equal(
    scheme.shortDescription.text,
    'No permission scheme grants anything to Anyone (anonymous users)',
  );
  assert.match(scheme.help.text, /Fix in the admin UI:\n1\. /);
  assert.match(scheme.help.text, /Fix through the API:\n1\. /);
  assert.match(scheme.help.markdown, /\*\*Fix in the admin UI\*\*/);
  assert.match(scheme.helpUri, /^https:\/\//);
  assert.equal(scheme.defaultConfiguration.level, 'error');
  assert.equal(scheme.properties['security-severity'], '9.5');
});

test('failing, excepted and undecided checks are results located by site and resource; passes are not', () => {
  const log = sarif();
  const results = log.runs[0]!.results;
  assert.deepEqual(
    results.map((r) => [r.ruleId, r.kind, r.level, r.locations[0]!.logicalLocations[0]!.fullyQualifiedName]),
    [
      ['conf_no_anonymous_space_access', 'open', 'none', 'https://acme.atlassian.net/site/cloud-acme'],
      [
        'jira_permission_scheme_no_anyone',
        'fail',
        'error',
        'https://acme-labs.atlassian.net/permission-scheme/10001',
      ],
      [
        'jira_permission_scheme_no_anyone',
        'fail',
        'error',
        'https://acme.atlassian.net/permission-scheme/10000',
      ],
      ['org_no_dormant_admins', 'fail', 'error', 'org:org-1/user/acc-1'],
      ['org_no_dormant_admins', 'fail', 'error', 'org:org-1/user/acc-2'],
      ['conf_space_admin_not_broad', 'fail', 'warning', 'https://acme.atlassian.net/space/DOCS'],
      ['jira_team_managed_not_open', 'fail', 'note', 'https://acme.atlassian.net/project/10042'],
    ],
  );
  for (const r of results) {
    assert.equal(log.runs[0]!.tool.driver.rules[r.ruleIndex]!.id, r.ruleId);
    assert.ok(r.partialFingerprints['palisadeResult/v1']);
  }
});

test('an excepted failure carries an accepted suppression with the justification', () => {
  const excepted = sarif().runs[0]!.results.find((r) => r.properties.status === 'excepted')!;
  assert.deepEqual(excepted.suppressions, [
    {
      kind: 'external',
      status: 'accepted',
      justification:
        'Emergency account, sealed in the vault. (owner security@acme.example, until 2025-09-01T00:00:00.000Z)',
    },
  ]);
});

test('an empty scan is still a valid SARIF log', () => {
  const input = sampleInput();
  const log: SarifLog = JSON.parse(renderSarif(buildReport({ ...input, results: [] })));
  assert.deepEqual(validate(log), []);
  assert.deepEqual(log.runs[0]!.results, []);
});
