import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, ofProduct } from './product.ts';

// How many people hold the administrator and the system administrator rights (Jira ADMINISTER and
// SYSTEM_ADMIN, Confluence ADMINISTRATECONFLUENCE and SYSTEMADMINISTRATOR): one result per right.

const RIGHTS = ['system-admin', 'admin'] as const;

const UI: Record<DcProduct['product'], string[]> = {
  'jira-data-center': [
    'In Jira, open Administration (cog) → System → Global permissions and note the groups holding Jira System Administrators and Jira Administrators.',
    'In User management → Groups, remove the people who do not administer Jira daily from those groups.',
  ],
  'confluence-data-center': [
    'In Confluence, open Administration (cog) → General configuration → Global permissions and note the groups holding System Administrator and Confluence Administrator.',
    'In Users & security → Groups, remove the people who do not administer Confluence daily from those groups.',
  ],
};

const API: Record<DcProduct['product'], string[]> = {
  'jira-data-center': [
    'Remove a member: DELETE /rest/api/2/group/user?groupname={group}&username={username}.',
  ],
  'confluence-data-center': [
    'Remove a member: DELETE /rest/api/admin/group/{groupName}/member/{username} (Confluence 8.2 and later).',
  ],
};

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    {
      title: 'Managing global permissions (Jira Data Center)',
      url: 'https://confluence.atlassian.com/adminjiraserver103/managing-global-permissions-1489807379.html',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Global permissions overview (Confluence Data Center)',
      url: 'https://confluence.atlassian.com/display/CONF615/Global+Permissions+Overview',
    },
  ],
};

export function adminCountRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `Few people administer ${p.name}: at most 5 administrators and 3 system administrators`,
    area: p.area,
    severity: 'medium',
    scope: 'site',
    resourceType: 'global-permission',
    requires: ['dc.admins'],
    plan: 'any',
    credential: 'site-admin',
    description:
      `Reads how many distinct active accounts hold ${p.name}’s administrator and system administrator rights, ` +
      'through groups or directly (`dc.admins`). One result per right: fails above the threshold of the settings; ' +
      'unknown when the scan did not count a right. Inactive accounts are not counted but shown.',
    risk:
      'Every administrator can change permissions, install apps and read everything; a system administrator can ' +
      'also change the server (directories, mail, logging, app code). Each one is an account whose compromise ' +
      'hands over the whole instance.',
    remediation: { ui: UI[p.product], api: API[p.product] },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['5.4', '6.8'],
      'nist-800-53-r5': ['AC-2', 'AC-6(5)'],
      'iso-27001-2022': ['A.8.2', 'A.5.18'],
      soc2: ['CC6.3'],
    },
    settings: z.object({
      maxAdmins: z
        .number()
        .int()
        .positive()
        .default(5)
        .describe('Most people allowed to hold the administrator right.'),
      maxSystemAdmins: z
        .number()
        .int()
        .positive()
        .default(3)
        .describe('Most people allowed to hold the system administrator right.'),
    }),
    evaluate(ctx) {
      const records = ofProduct(ctx.items('dc.admins'), p);
      return RIGHTS.map((right) => {
        const label = right === 'admin' ? `${p.name} administrators` : `${p.name} system administrators`;
        const resource = { id: right, name: label };
        const max = right === 'admin' ? ctx.settings.maxAdmins : ctx.settings.maxSystemAdmins;
        const r = records.find((x) => x.right === right);
        if (!r) return unknown(resource, `The scan did not count the ${label}.`);
        const evidence = {
          groups: r.groups,
          count: r.count,
          usernames: r.usernames,
          inactive: r.inactiveCount,
          max,
        };
        const through = r.groups.length > 0 ? ` (through ${r.groups.join(', ')})` : '';
        if (r.count > max) {
          return fail(
            resource,
            `${r.count} people are ${label}${through}, more than ${max}: ${r.usernames.join(', ')}.`,
            evidence,
          );
        }
        return pass(resource, `${r.count} people are ${label} (at most ${max}).`, evidence);
      });
    },
  });
}
