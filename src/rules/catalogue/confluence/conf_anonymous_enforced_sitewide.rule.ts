import { defineRule } from '../../define-rule.ts';
import { fail, notApplicable, pass, unknown } from '../../outcome.ts';

export const rule = defineRule({
  id: 'conf_anonymous_enforced_sitewide',
  title: 'Site-level control of anonymous access is enforced, so spaces cannot re-open it',
  area: 'confluence',
  severity: 'medium',
  scope: 'site',
  resourceType: 'site',
  requires: ['attested.confluence-anonymous-access'],
  plan: 'standard',
  credential: 'none',
  description:
    'Attestation: no public API reads the setting, so a Confluence admin attests whether "Enforce ' +
    'site-level control of anonymous access" is on (Confluence settings → Anonymous access, role-based ' +
    'sites on paid plans). Sites not on role-based access yet lack the control and are not applicable.',
  risk:
    'Without enforcement a space admin can turn on anonymous access for their space even though it is off ' +
    'for the site, publishing it to the internet behind the Confluence admins’ backs.',
  remediation: {
    ui: [
      'In Confluence, open Settings → Anonymous access.',
      'Select "Enforce site-level control of anonymous access" and confirm (this also turns off existing space-level anonymous access).',
      'Record the new state in Palisade’s attestation of Confluence anonymous access settings.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Introducing a new level of control over anonymous access in Confluence',
      url: 'https://community.atlassian.com/forums/Confluence-Cloud-Admins-articles/Introducing-a-new-level-of-control-over-anonymous-access-in/ba-p/3236776',
    },
    {
      title: 'Manage global permissions in Confluence Cloud',
      url: 'https://support.atlassian.com/confluence-cloud/docs/manage-global-permissions/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3', '4.1'],
    'nist-800-53-r5': ['AC-14', 'CM-6'],
    'iso-27001-2022': ['A.8.3', 'A.8.9'],
    soc2: ['CC6.1'],
  },
  evaluate(ctx) {
    const site = { id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name };
    const { siteLevelControl } = ctx.attested('attested.confluence-anonymous-access').value;
    const evidence = { siteLevelControl: siteLevelControl ?? null };
    switch (siteLevelControl) {
      case undefined:
        return [
          unknown(site, 'The attestation does not record whether site-level anonymous control is enforced.'),
        ];
      case 'unavailable':
        return [
          notApplicable(
            site,
            'The site is not on role-based access yet, so the control does not exist.',
            evidence,
          ),
        ];
      case 'enforced':
        return [pass(site, 'Site-level control of anonymous access is enforced.', evidence)];
      case 'not-enforced':
        return [
          fail(
            site,
            'Space admins can turn on anonymous access for their spaces regardless of the site setting.',
            evidence,
          ),
        ];
    }
  },
});
