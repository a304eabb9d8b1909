import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

export const rule = defineRule({
  id: 'org_app_requests_reviewed',
  title: 'Managed accounts need admin review to start new Atlassian apps',
  area: 'accounts',
  severity: 'low',
  scope: 'org',
  resourceType: 'policy',
  requires: ['attested.app-requests'],
  plan: 'enterprise',
  credential: 'none',
  description:
    'Reads the attested app request settings (Security → App requests, the shadow IT controls; no public ' +
    'API reads them) and fails each Atlassian app (Jira, Confluence, Jira Service Management…) whose setting ' +
    'lets managed accounts sign up on their own instead of requiring admin review. Available with an ' +
    'Enterprise plan.',
  risk:
    'A managed account that starts its own Jira or Confluence creates a site outside your organization: ' +
    'none of your policies, data security rules or offboarding apply to what is stored there.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → App requests and select Request settings.',
      'For each app, set Request setting to Require admin review.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Update app request settings',
      url: 'https://support.atlassian.com/organization-administration/docs/update-product-request-settings/',
    },
    {
      title: 'What is the impact of shadow IT on my organization?',
      url: 'https://support.atlassian.com/organization-administration/docs/what-is-the-impact-of-shadow-it-on-my-organization/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['2.3', '3.12'],
    'nist-800-53-r5': ['CM-7', 'CM-10'],
    'iso-27001-2022': ['A.5.23'],
    soc2: ['CC6.8'],
  },
  evaluate(ctx) {
    return ctx.attested('attested.app-requests').value.apps.map(({ app, setting }) => {
      const resource = {
        id: `app-requests/${app.toLowerCase().replace(/\s+/g, '-')}`,
        name: `${app} app requests`,
      };
      return setting === 'require-admin-review'
        ? pass(resource, `New ${app} sign-ups by managed accounts need admin review.`, { app, setting })
        : fail(resource, `Managed accounts can start their own ${app} without admin review.`, {
            app,
            setting,
          });
    });
  },
});
