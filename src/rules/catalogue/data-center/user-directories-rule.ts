import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, ofProduct, siteResource } from './product.ts';

// User directories in their order: when a username exists in two directories, the first one wins
// (its password and groups count). An internal directory ahead of the corporate LDAP, Active
// Directory or Crowd directory lets a local account shadow a corporate one and survive the person's
// departure; an inactive directory keeps a stale configuration (and its bind credentials) around;
// LDAP without TLS sends the bind password and every login in clear.

const UI: Record<DcProduct['product'], string[]> = {
  'jira-data-center': [
    'In Jira, open Administration (cog) → User management → User directories.',
    'Move the corporate directory (LDAP, Active Directory or Crowd) to the top, remove directories that are disabled, and edit LDAP directories to use LDAPS or StartTLS.',
  ],
  'confluence-data-center': [
    'In Confluence, open Administration (cog) → General configuration → User directories.',
    'Move the corporate directory (LDAP, Active Directory or Crowd) to the top, remove directories that are disabled, and edit LDAP directories to use LDAPS or StartTLS.',
  ],
};

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    {
      title: 'Managing multiple directories (Jira Data Center)',
      url: 'https://confluence.atlassian.com/adminjiraserver0917/managing-multiple-directories-1431246040.html',
    },
  ],
  'confluence-data-center': [
    {
      title: 'Effect of directory order (Confluence user directories)',
      url: 'https://confluence.atlassian.com/spaces/USERMAN020/pages/255362544/_Directory+Order',
    },
  ],
};

const isInternal = (type: string) => type.trim().toUpperCase() === 'INTERNAL';

export function userDirectoriesRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `${p.name}’s user directories put the corporate directory first, over TLS, with no inactive leftovers`,
    area: p.area,
    severity: 'medium',
    scope: 'site',
    resourceType: 'directory',
    requires: ['dc.user-directories'],
    plan: 'any',
    credential: 'site-admin',
    description:
      `Reads ${p.name}’s user directories in order (\`dc.user-directories\`). One result per directory: fails an ` +
      'inactive directory, an active internal directory ordered ahead of an active corporate one (LDAP, Active ' +
      'Directory, Crowd, delegated), and an LDAP directory that does not use TLS. No directory at all is unknown.',
    risk:
      'A local account ahead of the corporate directory can shadow a corporate user and outlive their departure, ' +
      'bypassing the IdP’s offboarding and MFA; LDAP in clear leaks the bind password and every login.',
    remediation: { ui: UI[p.product], api: null },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['5.6', '6.7', '3.10'],
      'nist-800-53-r5': ['AC-2', 'IA-2', 'SC-8'],
      'iso-27001-2022': ['A.5.16', 'A.8.5'],
      soc2: ['CC6.1', 'CC6.2'],
    },
    settings: z.object({
      internalFirstAllowed: z
        .boolean()
        .default(false)
        .describe('An internal directory may come first (a deliberate break-glass set-up).'),
    }),
    evaluate(ctx) {
      const directories = ofProduct(ctx.items('dc.user-directories'), p).sort((a, b) => a.order - b.order);
      if (directories.length === 0) {
        return [
          unknown(
            siteResource(ctx.site),
            `The scan stored no user directory for ${p.name}; it always has one.`,
          ),
        ];
      }
      const firstCorporate = directories.find((d) => d.active && !isInternal(d.type));
      return directories.map((d) => {
        const resource = { id: d.id, name: d.name };
        const evidence = {
          type: d.type,
          implementation: d.implementation,
          active: d.active,
          order: d.order,
          secureConnection: d.secureConnection,
        };
        const problems: string[] = [];
        if (!d.active) problems.push('it is inactive but still configured');
        if (
          d.active &&
          isInternal(d.type) &&
          firstCorporate &&
          d.order < firstCorporate.order &&
          !ctx.settings.internalFirstAllowed
        ) {
          problems.push(
            `it comes before the corporate directory ${firstCorporate.name}, so its accounts shadow corporate ones`,
          );
        }
        if (d.secureConnection === false) problems.push('it connects without TLS');
        const what = `${d.name} (${d.implementation ?? d.type}, position ${d.order})`;
        if (problems.length > 0) return fail(resource, `${what}: ${problems.join('; ')}.`, evidence);
        return pass(resource, `${what} is active and in a sound position.`, evidence);
      });
    },
  });
}
