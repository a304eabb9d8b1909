import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

export const rule = defineRule({
  id: 'conf_guests_scoped',
  title: 'Confluence guests are reviewed and hold access only to the spaces they are meant for',
  area: 'confluence',
  severity: 'medium',
  scope: 'site',
  resourceType: 'user',
  requires: ['attested.confluence-guests', 'confluence.spaces'],
  plan: 'standard',
  credential: 'site-admin',
  description:
    'Attestation and API: no public API tells guests from other accounts, so an admin attests the guest ' +
    'review — each guest, the spaces they are meant to work in and whether they still need access. Each ' +
    'guest fails when the review says they no longer need access, or when a space’s permissions ' +
    '(`GET /wiki/rest/api/space?expand=permissions`) grant them anything directly in a space that is not ' +
    'theirs. The attestation’s expiry sets the review period.',
  risk:
    'Guests are outsiders by design; a guest who is forgotten, or granted a second space, keeps reading ' +
    'internal content long after the collaboration ended.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Directory → Users and filter by the Confluence Guest role.',
      'Remove guests their sponsor no longer vouches for; in Confluence, remove each guest from spaces that are not theirs.',
      'Record the review in Palisade’s attestation of Confluence guests.',
    ],
    api: [
      'Remove a guest’s space grant: DELETE /wiki/rest/api/space/{spaceKey}/permission/{id}.',
      'Remove a guest who no longer needs access from the organization: DELETE /admin/v1/orgs/{orgId}/directory/users/{accountId}.',
    ],
  },
  references: [
    {
      title: 'Invite guests for external collaboration',
      url: 'https://support.atlassian.com/confluence-cloud/docs/invite-guests-for-external-collaboration/',
    },
    {
      title: 'What can guests see and do on Confluence?',
      url: 'https://support.atlassian.com/confluence-cloud/docs/what-can-guests-see-and-do-on-confluence/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.1', '6.2'],
    'nist-800-53-r5': ['AC-2', 'AC-6', 'IA-8'],
    'iso-27001-2022': ['A.5.18'],
    soc2: ['CC6.2', 'CC6.3'],
  },
  evaluate(ctx) {
    const { guests } = ctx.attested('attested.confluence-guests').value;
    const spaces = ctx.items('confluence.spaces');
    return guests.map((guest) => {
      const resource = { id: guest.accountId, name: guest.name };
      const intended = new Set(guest.spaces.map((k) => k.toUpperCase()));
      const granted = spaces
        .filter((s) => s.permissions.some((p) => p.subjectType === 'user' && p.accountId === guest.accountId))
        .map((s) => s.key);
      const elsewhere = granted.filter((k) => !intended.has(k.toUpperCase()));
      const evidence = {
        intendedSpaces: [...guest.spaces],
        grantedSpaces: granted,
        stillNeeded: guest.stillNeeded,
      };
      if (!guest.stillNeeded) {
        return fail(resource, `${guest.name} no longer needs access but is still a guest.`, evidence);
      }
      if (elsewhere.length > 0) {
        return fail(
          resource,
          `${guest.name} holds access to spaces that are not theirs: ${elsewhere.join(', ')}.`,
          evidence,
        );
      }
      return pass(
        resource,
        `${guest.name} is reviewed and holds access only to ${guest.spaces.join(', ') || 'no space'}.`,
        evidence,
      );
    });
  },
});
