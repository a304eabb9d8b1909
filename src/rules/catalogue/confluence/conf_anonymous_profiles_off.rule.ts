import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineRule({
  id: 'conf_anonymous_profiles_off',
  title: 'Anonymous users cannot view user profiles',
  area: 'confluence',
  severity: 'medium',
  scope: 'site',
  resourceType: 'site',
  requires: ['attested.confluence-anonymous-access'],
  plan: 'any',
  credential: 'none',
  description:
    'Attestation: no public API reads Confluence global permissions, and the anonymous probe does not ' +
    'show profile access, so a Confluence admin attests whether the Anonymous row of Global permissions ' +
    'grants "View user profiles". Fails when it does, even while anonymous use is off (the grant takes ' +
    'effect the moment someone turns anonymous access on).',
  risk:
    'Anonymous profile access lets anyone enumerate the people of the organization — names, photos, job ' +
    'titles — for phishing and password-spraying campaigns.',
  remediation: {
    ui: [
      'In Confluence, open Settings → Security → Global permissions and select the Anonymous access tab.',
      'Select Edit, clear "View user profiles" and save.',
      'Record the new state in Palisade’s attestation of Confluence anonymous access settings.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Manage global permissions in Confluence Cloud',
      url: 'https://support.atlassian.com/confluence-cloud/docs/manage-global-permissions/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-14', 'AC-22'],
    'iso-27001-2022': ['A.8.3'],
    soc2: ['CC6.1'],
  },
  evaluate(ctx) {
    const site = { id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name };
    const { viewUserProfiles } = ctx.attested('attested.confluence-anonymous-access').value;
    if (viewUserProfiles === undefined) {
      return [
        unknown(site, 'The attestation does not record whether anonymous users may view user profiles.'),
      ];
    }
    const evidence = { viewUserProfiles };
    if (viewUserProfiles)
      return [fail(site, 'Anonymous users may view user profiles on this site.', evidence)];
    return [pass(site, 'Anonymous users may not view user profiles on this site.', evidence)];
  },
});
