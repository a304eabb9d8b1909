import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, notApplicable, pass, unknown } from '../../outcome.ts';

export const rule = defineRule({
  id: 'org_dev_mode_disabled',
  title: 'Development mode (installing private apps from a descriptor URL) is off outside sandbox sites',
  area: 'app-governance',
  severity: 'medium',
  scope: 'site',
  resourceType: 'site',
  requires: ['attested.connected-apps-settings'],
  plan: 'any',
  credential: 'none',
  description:
    'Attestation: no public API reads the setting, so an admin attests, for each site, whether development ' +
    'mode is enabled (admin.atlassian.com → Apps → Sites → Connected apps → Settings). Fails where it is on, ' +
    'except on the sandbox sites named in the settings.',
  risk:
    'Development mode lets an admin — or anyone holding an admin session — install unlisted, unreviewed apps ' +
    'from any URL, skipping the Marketplace’s security requirements.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Apps → Sites, select the site, then Connected apps → Settings.',
      'Turn off development mode; install private apps on a sandbox site instead.',
      'Record the setting in Palisade’s attestation of connected-apps settings for the site.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Install and manage app access',
      url: 'https://support.atlassian.com/organization-administration/docs/installing-and-managing-app-access/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['2.5', '4.8'],
    'nist-800-53-r5': ['CM-7', 'CM-11'],
    'iso-27001-2022': ['A.8.19', 'A.8.9'],
    soc2: ['CC6.8', 'CC8.1'],
  },
  settings: z.object({
    sandboxSites: z
      .array(z.string().min(1))
      .default([])
      .describe('Sub-domains of sandbox sites where development mode may stay on (e.g. acme-sandbox).'),
  }),
  evaluate(ctx) {
    const site = { id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name };
    const { developmentMode } = ctx.attested('attested.connected-apps-settings').value;
    if (developmentMode === undefined) {
      return [unknown(site, 'The attestation does not record whether development mode is enabled.')];
    }
    const evidence = { developmentMode };
    if (!developmentMode) return [pass(site, 'Development mode is off on this site.', evidence)];
    const sandboxes = new Set(ctx.settings.sandboxSites.map((s) => s.toLowerCase()));
    if (ctx.site && sandboxes.has(ctx.site.name.toLowerCase())) {
      return [notApplicable(site, `${ctx.site.name} is a declared sandbox site.`, evidence)];
    }
    return [
      fail(site, 'Development mode is on: private apps can be installed from any descriptor URL.', evidence),
    ];
  },
});
