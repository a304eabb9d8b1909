import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, judgeSiteRecord, siteCheck } from './product.ts';

// The audit log of Jira and Confluence Data Center (advanced auditing, GET /rest/auditing/1.0/
// configuration/coverage and …/retention): how much each area records and how long it is kept.

/** Coverage levels, least first (the auditing REST API's words). */
const LEVELS = ['OFF', 'BASE', 'ADVANCED', 'FULL'] as const;
const rank = (level: string) => LEVELS.indexOf(level.trim().toUpperCase() as (typeof LEVELS)[number]);

const UI: Record<DcProduct['product'], (what: string) => string[]> = {
  'jira-data-center': (what) => [
    'In Jira, open Administration (cog) → System → Audit log and select Settings.',
    what,
  ],
  'confluence-data-center': (what) => [
    'In Confluence, open Administration (cog) → General configuration → Audit log and select Settings.',
    what,
  ],
};

const REFERENCES = {
  'jira-data-center': [
    {
      title: 'Audit log improvements for developers (auditing REST API)',
      url: 'https://developer.atlassian.com/server/jira/platform/auditing-rest-api/',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Auditing in Confluence Data Center',
      url: 'https://confluence.atlassian.com/conf715/auditing-in-confluence-1096098420.html',
    },
  ],
} satisfies Record<DcProduct['product'], { title: string; url: string }[]>;

export function auditCoverageRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `Every area of ${p.name}’s audit log records at least the base level of events`,
    severity: 'medium',
    ...siteCheck(p),
    requires: ['dc.audit-settings'],
    description:
      `Reads the coverage level of each area of ${p.name}’s audit log (\`dc.audit-settings\`, from ` +
      '`GET /rest/auditing/1.0/configuration/coverage`). Fails when any area records less than the minimum level ' +
      'of the settings (OFF < BASE < ADVANCED < FULL); an area whose level the product names otherwise is unknown.',
    risk:
      'An area whose auditing is off leaves no trace of permission changes, app installs or logins: an intruder ' +
      'or a careless administrator cannot be traced, and incidents cannot be scoped.',
    remediation: {
      ui: UI[p.product](
        'For each area listed in the finding, set the coverage level to Base or higher and save.',
      ),
      api: ['PUT /rest/auditing/1.0/configuration/coverage with each area’s level (system administrator).'],
    },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['8.2'],
      'nist-800-53-r5': ['AU-2', 'AU-12'],
      'iso-27001-2022': ['A.8.15'],
      soc2: ['CC7.2'],
    },
    settings: z.object({
      minimumLevel: z
        .enum(['BASE', 'ADVANCED', 'FULL'])
        .default('BASE')
        .describe('The least coverage every audit area must record.'),
    }),
    evaluate(ctx) {
      return judgeSiteRecord(ctx, 'dc.audit-settings', p, (record, resource) => {
        const { areas, coverageLevel } = record;
        const { minimumLevel } = ctx.settings;
        const min = rank(minimumLevel);
        const judged = areas.length > 0 ? areas : [{ area: 'all areas', level: coverageLevel }];
        const below = judged.filter((a) => rank(a.level) >= 0 && rank(a.level) < min);
        const unreadable = judged.filter((a) => rank(a.level) < 0);
        const evidence = { coverageLevel, areas: judged, minimumLevel };
        if (below.length > 0) {
          const list = below.map((a) => `${a.area} (${a.level})`).join(', ');
          return fail(resource, `The audit log records less than ${minimumLevel} for ${list}.`, evidence);
        }
        if (unreadable.length > 0) {
          const list = unreadable.map((a) => `${a.area} (${a.level})`).join(', ');
          return unknown(resource, `Audit coverage levels not understood: ${list}.`, evidence);
        }
        return pass(resource, `Every audit area records ${minimumLevel} or more.`, evidence);
      });
    },
  });
}

export function auditRetentionRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `${p.name} keeps its audit log for at least a year`,
    severity: 'medium',
    ...siteCheck(p),
    requires: ['dc.audit-settings'],
    description:
      `Reads how long ${p.name} keeps audit events (\`dc.audit-settings\`, from ` +
      '`GET /rest/auditing/1.0/configuration/retention`, in days). Fails below the days of the settings; unknown ' +
      'when the product did not say. Events forwarded to a SIEM are outside what the rule can see.',
    risk:
      'Intrusions are often found months later; a short retention deletes the evidence of when an account or app ' +
      'was misused before anyone looks.',
    remediation: {
      ui: UI[p.product](
        'Set "Database retention period" to at least 1 year and save (or forward the log to your SIEM).',
      ),
      api: [
        'PUT /rest/auditing/1.0/configuration/retention with {"period": 1, "units": "YEARS"} (system administrator).',
      ],
    },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['8.10'],
      'nist-800-53-r5': ['AU-11'],
      'iso-27001-2022': ['A.8.15'],
      soc2: ['CC7.2'],
    },
    settings: z.object({
      minimumDays: z
        .number()
        .int()
        .positive()
        .default(365)
        .describe('Fewest days the audit log must keep events.'),
    }),
    evaluate(ctx) {
      return judgeSiteRecord(ctx, 'dc.audit-settings', p, (record, resource) => {
        const { retentionDays } = record;
        const { minimumDays } = ctx.settings;
        const evidence = { retentionDays, minimumDays };
        if (retentionDays === null) {
          return unknown(resource, `${p.name} did not say how long it keeps audit events.`, evidence);
        }
        if (retentionDays < minimumDays) {
          return fail(
            resource,
            `${p.name} keeps audit events for ${retentionDays} days (at least ${minimumDays} required).`,
            evidence,
          );
        }
        return pass(resource, `${p.name} keeps audit events for ${retentionDays} days.`, evidence);
      });
    },
  });
}
