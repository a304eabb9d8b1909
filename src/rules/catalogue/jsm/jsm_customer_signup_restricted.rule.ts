import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

export const rule = defineRule({
  id: 'jsm_customer_signup_restricted',
  title:
    'Customers cannot create their own accounts or send requests anonymously, except from approved domains',
  area: 'jsm',
  severity: 'high',
  scope: 'site',
  resourceType: 'site',
  requires: ['attested.jsm-customer-access'],
  plan: 'any',
  credential: 'none',
  description:
    'No public API reads the Jira Service Management Customer access settings, so a site admin attests them. ' +
    'Passes when customers cannot create their own accounts, or can only at the listed domains (none of them ' +
    'a public e-mail provider), and customers must log in; fails when anyone can sign up, when the domain ' +
    'list is empty or holds a public e-mail domain, or when requests can be sent without logging in.',
  risk:
    'Open sign-up gives anyone on the internet a portal identity: they can raise requests, read the ' +
    'knowledge bases linked to the portals, and be added to shared requests; anonymous requests add spam and ' +
    'phishing straight into your agents’ queues.',
  remediation: {
    ui: [
      'In Jira, open Settings → Products → Jira Service Management → Customer access.',
      'Choose that only your team can create customer accounts, or restrict sign-up to your customers’ e-mail domains.',
      'Require customers to log in to access help centers and portals, then select Save and re-attest.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Change access settings for your customers',
      url: 'https://support.atlassian.com/jira-service-management-cloud/docs/change-global-customer-permissions/',
    },
    {
      title: 'How customer access settings impact project permissions',
      url: 'https://support.atlassian.com/jira-service-management-cloud/docs/how-global-permissions-affect-project-permissions/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.1', '6.1'],
    'nist-800-53-r5': ['AC-2', 'IA-8'],
    'iso-27001-2022': ['A.5.16', 'A.5.18'],
    soc2: ['CC6.2'],
  },
  settings: z.object({
    publicEmailDomains: z
      .array(z.string().min(1))
      .default([
        'gmail.com',
        'googlemail.com',
        'outlook.com',
        'hotmail.com',
        'live.com',
        'yahoo.com',
        'icloud.com',
        'aol.com',
        'proton.me',
        'protonmail.com',
        'gmx.com',
      ])
      .describe('E-mail domains anyone can get an address at: allowing sign-up from them is open sign-up.'),
  }),
  evaluate(ctx) {
    const { value } = ctx.attested('attested.jsm-customer-access');
    const resource = { id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name ?? 'site' };
    const publicDomains = new Set(ctx.settings.publicEmailDomains.map((d) => d.toLowerCase()));
    const domains = value.allowedDomains.map((d) => d.trim().toLowerCase());
    const evidence = {
      accountCreation: value.accountCreation,
      allowedDomains: domains,
      loginRequired: value.loginRequired,
    };
    const problems: string[] = [];
    if (value.accountCreation === 'anyone') problems.push('anyone can create a customer account');
    if (value.accountCreation === 'domains') {
      const open = domains.filter((d) => publicDomains.has(d));
      if (domains.length === 0) problems.push('sign-up is limited to domains, but none is listed');
      if (open.length > 0)
        problems.push(`sign-up is allowed from public e-mail domains (${open.join(', ')})`);
    }
    if (!value.loginRequired) problems.push('customers can send requests without logging in');
    if (problems.length > 0)
      return [fail(resource, `Customer access is open: ${problems.join('; ')}.`, evidence)];
    const who =
      value.accountCreation === 'disabled'
        ? 'only your team creates customer accounts'
        : `customers sign up only from ${domains.join(', ')}`;
    return [pass(resource, `Customer access is restricted: ${who}, and customers must log in.`, evidence)];
  },
});
