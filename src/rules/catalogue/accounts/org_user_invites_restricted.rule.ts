import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

const WHO = {
  'admins-only': 'only admins invite people',
  'approved-domains': 'users may invite people at approved domains only',
  'admin-approval': 'user invitations wait for an admin’s approval',
  anyone: 'users may invite anyone',
} as const;

export const rule = defineRule({
  id: 'org_user_invites_restricted',
  title: 'Users cannot invite arbitrary people: invitations are limited or need admin approval',
  area: 'accounts',
  severity: 'medium',
  scope: 'org',
  resourceType: 'org',
  requires: ['attested.user-invites'],
  plan: 'any',
  credential: 'none',
  description:
    'Reads the attested user invite settings (App access settings → User invites and Invite links; no ' +
    'public API reads them). Passes when existing users may invite nobody, only people at approved domains, ' +
    'or anyone subject to admin approval; fails when they may invite anyone directly, or when invite links ' +
    '(joining without approval) are on, unless the settings accept invite links.',
  risk:
    'If any user can invite anyone, one phished or careless account brings outsiders into Jira and ' +
    'Confluence with no admin decision; an invite link shared once lets whoever holds it join.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Apps → App access settings (Products → User access settings) → User invites.',
      'Select Require admin approval, or allow invitations only to approved domains, or turn user invites off.',
      'On the Invite links tab, turn invite links off for every app.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Control how users get access to products',
      url: 'https://support.atlassian.com/user-management/docs/control-how-users-get-access-to-products/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.1'],
    'nist-800-53-r5': ['AC-2'],
    'iso-27001-2022': ['A.5.18'],
    soc2: ['CC6.2'],
  },
  settings: z.object({
    allowInviteLinks: z
      .boolean()
      .default(false)
      .describe('Accept invite links being on (people who hold a link join without admin approval).'),
  }),
  evaluate(ctx) {
    const { invites, inviteLinksEnabled } = ctx.attested('attested.user-invites').value;
    const org = { id: ctx.org.id, name: ctx.org.name };
    const evidence = { invites, inviteLinksEnabled: inviteLinksEnabled ?? null };
    const problems: string[] = [];
    if (invites === 'anyone') problems.push('users may invite anyone without an admin’s approval');
    if (inviteLinksEnabled === true && !ctx.settings.allowInviteLinks) {
      problems.push('invite links are on, so whoever holds a link joins without approval');
    }
    if (problems.length > 0)
      return [fail(org, `User invitations are open: ${problems.join('; ')}.`, evidence)];
    const links = inviteLinksEnabled === undefined ? ' (invite links not attested)' : '';
    return [pass(org, `Invitations are restricted: ${WHO[invites]}${links}.`, evidence)];
  },
});
