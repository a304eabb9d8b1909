import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

export const rule = defineRule({
  id: 'jsm_help_center_login_required',
  title: 'Customers must log in to view help centers and portals',
  area: 'jsm',
  severity: 'medium',
  scope: 'site',
  resourceType: 'help-center',
  requires: ['attested.jsm-customer-access'],
  plan: 'any',
  credential: 'none',
  description:
    'No public API reads the Jira Service Management Customer access settings, so a site admin attests ' +
    'whether customers must log in to access the site’s help centers and portals; the rule fails when they ' +
    'need not.',
  risk:
    'Without a login, anyone on the web can browse the portals, their request types and the knowledge-base ' +
    'articles linked to them, which search engines then index, and can raise requests anonymously.',
  remediation: {
    ui: [
      'In Jira, open Settings → Products → Jira Service Management → Customer access.',
      'Require customers to log in to access help centers and portals, select Save, then re-attest.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Change access settings for your customers',
      url: 'https://support.atlassian.com/jira-service-management-cloud/docs/change-global-customer-permissions/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-14', 'AC-22'],
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  evaluate(ctx) {
    const { value } = ctx.attested('attested.jsm-customer-access');
    const resource = { id: ctx.site?.cloudId ?? 'site', name: `${ctx.site?.name ?? 'site'} help center` };
    const evidence = { loginRequired: value.loginRequired };
    if (value.loginRequired) return [pass(resource, 'Customers must log in to view help centers.', evidence)];
    return [fail(resource, 'Anyone can view the help centers and portals without logging in.', evidence)];
  },
});
