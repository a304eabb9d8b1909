import { isDataCenterProduct } from '../../inventory/datasets/data-center.ts';
import { isGovernanceName } from '../app-governance.ts';
import { AREAS, type Area } from '../areas.ts';
import { exampleValue, subjectJsonSchema } from '../attestation-example.ts';
import { ATTESTATION_SUBJECTS, isSubjectName } from '../attestation-subjects.ts';
import { complianceCoverage } from '../compliance/coverage.ts';
import type { Framework } from '../compliance/framework.ts';
import { RULE_PLAN_LABELS } from '../plans.ts';
import type { Rule } from '../rule.ts';
import { defaultSettings } from '../settings.ts';
import { SEVERITIES, type Severity, severityRank } from '../severity.ts';

// Renders docs/baseline.md, a secure configuration baseline for Atlassian Cloud in the manner of
// CISA's SCuBA baselines, from the rules' metadata alone: nothing in it is written by hand, so it
// cannot drift from what Palisade checks. Deterministic (no dates), so `--check` can compare it.

const LEVEL: Record<Severity, string> = { critical: 'SHALL', high: 'SHALL', medium: 'SHOULD', low: 'SHOULD' };

const CREDENTIAL = {
  'org-api-key': 'Org API key',
  'site-admin': 'Site admin (API token or OAuth)',
  none: 'None',
} as const;

function naturalSort(ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function byAreaThenSeverity(rules: readonly Rule[]): Map<Area, Rule[]> {
  const grouped = new Map<Area, Rule[]>();
  for (const area of Object.keys(AREAS) as Area[]) {
    const inArea = rules
      .filter((r) => r.meta.area === area)
      .sort(
        (a, b) =>
          severityRank(a.meta.severity) - severityRank(b.meta.severity) || a.meta.id.localeCompare(b.meta.id),
      );
    if (inArea.length > 0) grouped.set(area, inArea);
  }
  return grouped;
}

/** Where a site-scoped rule runs, by its area's product (a Bitbucket workspace is its connection's one site). */
const SITE_UNIT = {
  org: 'For each site',
  jira: 'For each site with Jira',
  'jira-service-management': 'For each site with Jira Service Management',
  confluence: 'For each site with Confluence',
  bitbucket: 'For each Bitbucket workspace',
  'jira-data-center': 'For each Jira Data Center instance',
  'confluence-data-center': 'For each Confluence Data Center instance',
} as const;

/**
 * A Bitbucket workspace's "site credential" is a workspace access token or a workspace admin's API
 * token; a Data Center instance's, an administrator's personal access token.
 */
function credentialLine(rule: Rule): string {
  const product = AREAS[rule.meta.area].product;
  if (rule.meta.credential === 'site-admin' && product === 'bitbucket')
    return 'Workspace access token, or a workspace admin’s API token';
  if (rule.meta.credential === 'site-admin' && isDataCenterProduct(product))
    return 'A system administrator’s personal access token';
  return CREDENTIAL[rule.meta.credential];
}

function evaluatedLine(rule: Rule): string {
  const where =
    rule.meta.scope === 'org' ? 'Once for the organization' : SITE_UNIT[AREAS[rule.meta.area].product];
  return `${where}; one result per ${rule.meta.resourceType.replaceAll('-', ' ')}`;
}

function dataLine(rule: Rule): string {
  const parts = rule.meta.requires.map((name) =>
    isSubjectName(name)
      ? `attestation: ${ATTESTATION_SUBJECTS[name].title} (no public API)`
      : isGovernanceName(name)
        ? 'Palisade’s app governance state (classifications, risk scores, overrides)'
        : `\`${name}\``,
  );
  const oneOf =
    rule.meta.requiresOneOf.length > 0
      ? [`whichever of ${rule.meta.requiresOneOf.map((name) => `\`${name}\``).join(' or ')} the site has`]
      : [];
  const optional = rule.meta.optional.map((name) => `\`${name}\` (context only)`);
  return [...parts, ...oneOf, ...optional].join(', ');
}

function renderRule(rule: Rule, number: string, frameworks: readonly Framework[]): string[] {
  const m = rule.meta;
  const out = [
    `### ${number} \`${m.id}\`: ${m.title}`,
    '',
    `The configuration ${LEVEL[m.severity]} meet this requirement.`,
    '',
    '| | |',
    '|---|---|',
    `| Severity | ${capitalize(m.severity)} |`,
    `| Evaluated | ${evaluatedLine(rule)} |`,
    `| Plan | ${capitalize(RULE_PLAN_LABELS[m.plan])} |`,
    `| Reads | ${dataLine(rule)} |`,
    `| Credential | ${credentialLine(rule)} |`,
    '',
    m.description,
    '',
    `**Why it matters.** ${m.risk}`,
    '',
    '**Remediation in the admin UI**',
    '',
    ...m.remediation.ui.map((s, i) => `${i + 1}. ${s}`),
    '',
    '**Remediation through the API**',
    '',
    ...(m.remediation.api
      ? m.remediation.api.map((s, i) => `${i + 1}. ${s}`)
      : ['No public API changes this setting.']),
    '',
  ];
  const defaults = defaultSettings(rule);
  const keys = Object.keys(rule.settings.shape);
  if (keys.length > 0) {
    out.push(
      '**Settings** (each organization can override them)',
      '',
      '| Setting | Default | Meaning |',
      '|---|---|---|',
    );
    for (const key of keys) {
      const description = rule.settings.shape[key]?.description ?? '';
      out.push(`| \`${key}\` | \`${JSON.stringify(defaults[key])}\` | ${cell(description)} |`);
    }
    out.push('');
  }
  const mapped = frameworks
    .filter((f) => (m.compliance[f.id]?.length ?? 0) > 0)
    .map((f) => `${f.title}: ${naturalSort(m.compliance[f.id] ?? []).join(', ')}`);
  if (mapped.length > 0) out.push(`**Compliance.** ${mapped.join('; ')}.`, '');
  out.push('**References**', '', ...m.references.map((r) => `- [${r.title}](${r.url})`), '');
  return out;
}

/** What each credential reads, from the endpoint catalogue (the script computes it: src/sync/org-key-reach.ts). */
export interface BaselineCredentials {
  /** Each org dataset and what the org API key needs for it, phrased. */
  orgDatasets: readonly { dataset: string; needs: string }[];
  /** The scopes a key with scopes needs for every org dataset such a key can read. */
  scopedKeyScopes: readonly string[];
  /** Org datasets no key with scopes reads. */
  unscopedOnly: readonly string[];
  /** Site datasets an API token with scopes cannot read (their endpoints are on the site host only). */
  siteHostOnly: readonly string[];
}

const code = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');

function renderCredentials(c: BaselineCredentials): string[] {
  const they = c.unscopedOnly.length === 1 ? 'it stays' : 'they stay';
  return [
    '## Credentials a full scan needs',
    '',
    '- **Site credential**: the e-mail address and an API token of a site admin. A classic token ' +
      '(created without scopes) reads everything the account may. A token created with scopes works only ' +
      'through `api.atlassian.com/ex/{jira|confluence}/{cloudId}`, and only for what its scopes cover: it ' +
      `never reaches ${code(c.siteHostOnly)}, whose endpoints (UPM and the GraphQL gateway) answer on the ` +
      'site host alone, so those datasets stay `forbidden`, naming the classic token to use instead. ' +
      'Atlassian expires every API token within a year.',
    '- **Org API key**: a key created without scopes reads every org dataset. A key with scopes reads the ' +
      `datasets whose scope it holds (${code(c.scopedKeyScopes)}); no scope opens ${code(c.unscopedOnly)}, ` +
      `so with a scoped key ${they} \`forbidden\` and the checks that read ${c.unscopedOnly.length === 1 ? 'it' : 'them'} ` +
      '`unknown`. A full scan therefore needs a key without scopes.',
    '',
    '| Org dataset | What the org API key needs |',
    '|---|---|',
    ...c.orgDatasets.map((d) => `| \`${d.dataset}\` | ${cell(d.needs)} |`),
    '',
  ];
}

export function renderBaseline(
  input: readonly Rule[],
  frameworks: readonly Framework[],
  credentials?: BaselineCredentials,
): string {
  // Input order must not matter: the index lists rules by path, the script by directory listing.
  const rules = [...input].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const grouped = byAreaThenSeverity(rules);
  const out = [
    '# Palisade secure baseline for Atlassian Cloud',
    '',
    '<!-- GENERATED by scripts/generate-baseline.ts from the rule metadata in src/rules/catalogue/.',
    '     Do not edit: change the rule, then run `npm run generate`. -->',
    '',
    'This baseline is the configuration Palisade checks an Atlassian Cloud organization against. Each',
    'requirement is one rule; critical and high severity requirements SHALL be met, medium and low',
    'ones SHOULD be (the convention of CISA’s SCuBA baselines). A scan reports each rule per resource as',
    '`pass`, `fail`, `unknown` (the data could not be read, or a setting with no public API has not',
    'been attested — never counted as a pass), `not_applicable` (the plan or product lacks the feature)',
    'or `excepted` (a documented, expiring exception covers the failure). See',
    '[scoring.md](scoring.md) for how results become a posture score.',
    '',
    '## Summary',
    '',
    '| Area | Rules | Critical | High | Medium | Low |',
    '|---|---|---|---|---|---|',
  ];
  const count = (list: readonly Rule[], s: Severity) => list.filter((r) => r.meta.severity === s).length;
  let section = 0;
  for (const [area, list] of grouped) {
    section += 1;
    const counts = SEVERITIES.map((s) => count(list, s)).join(' | ');
    out.push(`| ${section}. ${AREAS[area].title} | ${list.length} | ${counts} |`);
  }
  const all = SEVERITIES.map((s) => count(rules, s)).join(' | ');
  out.push(`| **Total** | **${rules.length}** | ${all} |`, '');
  if (credentials) out.push(...renderCredentials(credentials));

  section = 0;
  for (const [area, list] of grouped) {
    section += 1;
    out.push(`## ${section}. ${AREAS[area].title}`, '');
    list.forEach((rule, i) => {
      out.push(...renderRule(rule, `${section}.${i + 1}`, frameworks));
    });
  }

  const subjects = Object.entries(ATTESTATION_SUBJECTS).filter(([name]) =>
    rules.some((r) => r.meta.requires.includes(name as never)),
  );
  if (subjects.length > 0) {
    out.push(
      '## Attested settings',
      '',
      'No public API reads these settings, so an admin records them with evidence and an expiry. An',
      'expired attestation turns the rules that read it back to `unknown`. Each setting’s value',
      '(`palisade attest --subject <name> --value-file <file>`, JSON or YAML) is described below with an',
      'example and its JSON Schema; `palisade attest --subjects` prints the same.',
      '',
      '| Setting | Where to find it | Read by |',
      '|---|---|---|',
    );
    for (const [name, subject] of subjects) {
      const readers = rules
        .filter((r) => r.meta.requires.includes(name as never))
        .map((r) => `\`${r.meta.id}\``);
      const short = name.replace(/^attested\./, '');
      out.push(
        `| [${subject.title}](#${short}) (\`${name}\`) | ${cell(subject.whereToFind)} | ${readers.join(', ')} |`,
      );
    }
    out.push('');
    for (const [name, subject] of subjects) {
      const short = name.replace(/^attested\./, '');
      out.push(
        `### ${short}`,
        '',
        `${subject.title} (${subject.scope === 'org' ? 'the organization' : 'one site: pass `--site`'}). Example value:`,
        '',
        '```json',
        JSON.stringify(exampleValue(subject), null, 2),
        '```',
        '',
        '<details><summary>JSON Schema</summary>',
        '',
        '```json',
        JSON.stringify(subjectJsonSchema(subject), null, 2),
        '```',
        '',
        '</details>',
        '',
      );
    }
  }

  out.push('## Compliance coverage', '');
  for (const coverage of complianceCoverage(
    rules.map((r) => r.meta),
    frameworks,
  )) {
    const framework = frameworks.find((f) => f.id === coverage.id);
    out.push(
      `### ${coverage.title}`,
      '',
      `${coverage.covered} of the ${coverage.total} listed controls (${coverage.percent}%) have at least one rule.` +
        (framework ? ` ${framework.note}` : ''),
      '',
      '| Control | Title | Rules |',
      '|---|---|---|',
      ...coverage.controls.map(
        (c) =>
          `| ${c.id} | ${cell(c.title)} | ${c.rules.length > 0 ? c.rules.map((id) => `\`${id}\``).join(', ') : '—'} |`,
      ),
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
