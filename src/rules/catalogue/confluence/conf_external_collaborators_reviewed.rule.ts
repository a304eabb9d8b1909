import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { domainVerification } from '../../domain-verification.ts';
import { fail, pass, unknown } from '../../outcome.ts';

/** `example.com` covers `example.com` and `eu.example.com`. */
function atDomain(domain: string, verified: readonly string[]): boolean {
  return verified.some((v) => domain === v || domain.endsWith(`.${v}`));
}

export const rule = defineRule({
  id: 'conf_external_collaborators_reviewed',
  title: 'No external collaborator (outside the verified domains) can edit or administer an internal space',
  area: 'confluence',
  severity: 'medium',
  scope: 'site',
  resourceType: 'space',
  requires: ['confluence.spaces', 'org.users', 'org.domains'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Crosses the accounts named in space permissions (`GET /wiki/rest/api/space?expand=permissions`) with ' +
    'the org directory (admin API v2 users: e-mail domain, status) and the verified domains (admin API ' +
    '`/domains`): an active Atlassian account whose e-mail domain is neither verified nor trusted is ' +
    'external. Each space fails where an external account holds more than the allowed operations (by ' +
    'default read and comment) directly; spaces declared for external collaboration may let externals ' +
    'edit, never administer. Grants through groups are not expanded.',
  risk:
    'Contractors and partners with edit or admin rights can alter or export internal content, and their ' +
    'accounts are governed by someone else’s identity provider, password policy and leaver process.',
  remediation: {
    ui: [
      'In the space, open Space settings → Permissions (Users on role-based sites) and review each external account.',
      'Remove rights beyond view and comment, or remove the account if it no longer needs access.',
      'For lasting external collaboration, use a dedicated space (declare it in this rule’s settings) or Confluence guests.',
    ],
    api: [
      'List the space’s permissions: GET /wiki/api/v2/spaces/{id}/permissions.',
      'Remove the external account’s grant: DELETE /wiki/rest/api/space/{spaceKey}/permission/{id}.',
    ],
  },
  references: [
    {
      title: 'Assign space permissions',
      url: 'https://support.atlassian.com/confluence-cloud/docs/assign-space-permissions/',
    },
    {
      title: 'Verify a domain to manage accounts',
      url: 'https://support.atlassian.com/user-management/docs/verify-a-domain-to-manage-accounts/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.1', '5.1'],
    'nist-800-53-r5': ['AC-2', 'AC-6(7)', 'IA-8'],
    'iso-27001-2022': ['A.5.18', 'A.5.19'],
    soc2: ['CC6.2', 'CC6.3'],
  },
  settings: z.object({
    trustedDomains: z
      .array(z.string().min(1))
      .default([])
      .describe('E-mail domains treated as internal although not verified (affiliates, a subsidiary).'),
    allowedOperations: z
      .array(z.string().min(1))
      .default(['read/space', 'create/comment'])
      .describe('Operations (`operation/targetType`) an external account may hold in an internal space.'),
    externalSpaces: z
      .array(z.string().min(1))
      .default([])
      .describe('Keys of spaces meant for external collaboration: externals may edit there, not administer.'),
  }),
  evaluate(ctx) {
    const domains = domainVerification(ctx.items('org.domains'));
    const internal = [...domains.verified, ...ctx.settings.trustedDomains.map((d) => d.toLowerCase())];
    const unstated = [...domains.unstated];
    // The accounts that count as external, decided once per site rather than once per space
    // permission (xl: 100,000 accounts, tens of thousands of user permissions). Unknown accounts,
    // app and customer accounts, and accounts that can no longer sign in are not external
    // collaborators. An account without an e-mail domain, or at a domain whose verification the
    // admin API did not give, cannot be judged: holding more than allowed, it makes the space
    // unknown, never a pass.
    const users = ctx.items('org.users');
    const externalAccounts = new Map<string, (typeof users)[number]>();
    const unjudged = new Set<string>();
    for (const user of users) {
      if (user.accountType !== 'atlassian' || user.accountStatus !== 'active') continue;
      const domain = user.emailDomain?.toLowerCase() ?? null;
      if (domain !== null && atDomain(domain, internal)) continue;
      if (domain === null || atDomain(domain, unstated)) {
        unjudged.add(user.accountId);
        continue;
      }
      externalAccounts.set(user.accountId, user);
    }
    const allowed = new Set(ctx.settings.allowedOperations);
    const externalSpaces = new Set(ctx.settings.externalSpaces.map((k) => k.toUpperCase()));
    return ctx.items('confluence.spaces').map((space) => {
      const resource = { id: space.key, name: space.name };
      const forExternals = externalSpaces.has(space.key.toUpperCase());
      const byAccount = new Map<string, string[]>();
      let unjudgedExcess = 0;
      for (const p of space.permissions) {
        if (p.subjectType !== 'user' || p.accountId === null) continue;
        const judged = externalAccounts.has(p.accountId);
        if (!judged && !unjudged.has(p.accountId)) continue;
        const op = `${p.operation}/${p.targetType}`;
        const excess = forExternals ? p.operation === 'administer' : !allowed.has(op);
        if (!excess) continue;
        if (judged) byAccount.set(p.accountId, [...(byAccount.get(p.accountId) ?? []), op]);
        else unjudgedExcess++;
      }
      const externals = [...byAccount].map(([accountId, operations]) => {
        const user = externalAccounts.get(accountId);
        return {
          accountId,
          name: user?.name ?? accountId,
          emailDomain: user?.emailDomain ?? null,
          operations,
        };
      });
      const evidence = { externals, declaredForExternals: forExternals };
      if (externals.length === 0 && unjudgedExcess > 0) {
        return unknown(
          resource,
          `${unjudgedExcess} right(s) in ${space.key} are held by accounts whose e-mail domain or its verification is not known.`,
          evidence,
        );
      }
      if (externals.length === 0) {
        return pass(
          resource,
          `No external account holds more than the allowed rights in ${space.key}.`,
          evidence,
        );
      }
      const list = externals
        .map((e) => `${e.name} @${e.emailDomain} (${e.operations.join(', ')})`)
        .join('; ');
      const what = forExternals ? 'administer' : 'edit or administer';
      return fail(resource, `External accounts can ${what} ${space.key}: ${list}.`, evidence);
    });
  },
});
