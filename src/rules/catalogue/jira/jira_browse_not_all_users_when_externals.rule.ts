import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { domainVerification } from '../../domain-verification.ts';
import { fail, pass, type RuleOutcome, unknown } from '../../outcome.ts';

const isInternal = (domain: string, internal: ReadonlySet<string>) =>
  [...internal].some((d) => domain === d || domain.endsWith(`.${d}`));

export const rule = defineRule({
  id: 'jira_browse_not_all_users_when_externals',
  title: 'Browse Projects is not granted to every logged-in user while external users have Jira access',
  area: 'jira',
  severity: 'medium',
  scope: 'site',
  resourceType: 'permission-scheme',
  requires: ['jira.permission-schemes', 'jira.groups', 'jira.group-members', 'org.users', 'org.domains'],
  optional: ['jira.projects'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Finds the permission schemes that grant Browse Projects to an application role (`holder.type: ' +
    'applicationRole`: any logged-in user, or every user of a product) and the external accounts with Jira ' +
    'access on the site: active Atlassian accounts of the org directory (`GET /admin/v1/orgs/{orgId}/users`) ' +
    'whose e-mail domain is neither a verified domain of the org nor listed as internal in the settings, and ' +
    'that are members of a group conferring access to Jira on the site (`GET /rest/api/3/group/member`). ' +
    'Each such scheme fails while at least one external account has access.',
  risk:
    'Contractors, partners and personal accounts with Jira access can then browse every project that uses ' +
    'the scheme, not just the ones they were invited to, including their issues and attachments.',
  remediation: {
    ui: [
      'In Jira, open Settings → Issues → Permission schemes and select Permissions on the scheme.',
      'Remove Browse Projects from "Any logged in user" (application role) and grant it to a group of staff or to project roles.',
      'Give external users access project by project, through project roles.',
    ],
    api: [
      'Delete the application role grant: DELETE /rest/api/3/permissionscheme/{schemeId}/permission/{permissionId}.',
      'Grant a group or role instead: POST /rest/api/3/permissionscheme/{schemeId}/permission.',
    ],
  },
  references: [
    {
      title: 'Manage project permissions',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/manage-project-permissions/',
    },
    {
      title: 'Organizations REST API: users',
      url: 'https://developer.atlassian.com/cloud/admin/organization/rest/api-group-users/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3', '6.8'],
    'nist-800-53-r5': ['AC-3', 'AC-6'],
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  settings: z.object({
    internalDomains: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'E-mail domains of your own staff that are not verified in this organization (a subsidiary).',
      ),
  }),
  evaluate(ctx) {
    // A domain whose verification the admin API did not give is neither internal nor external.
    const { verified, unstated } = domainVerification(ctx.items('org.domains'));
    const internal = new Set([
      ...verified,
      ...ctx.settings.internalDomains.map((d) => d.trim().toLowerCase()),
    ]);
    const externals = new Map(
      ctx
        .items('org.users')
        .filter(
          (u) =>
            u.accountType === 'atlassian' &&
            u.accountStatus === 'active' &&
            u.emailDomain !== null &&
            !isInternal(u.emailDomain.toLowerCase(), internal) &&
            !isInternal(u.emailDomain.toLowerCase(), unstated),
        )
        .map((u) => [u.accountId, u]),
    );
    const groups = ctx.items('jira.groups');
    const members = ctx.items('jira.group-members');
    // The collector may be told to skip product access groups (they are large): no row for any of
    // them means their members were not read, not that nobody has access.
    const productGroups = new Set(groups.filter((g) => g.accessTypes.includes('user')).map((g) => g.groupId));
    const productMembersRead = productGroups.size === 0 || members.some((m) => productGroups.has(m.groupId));
    const withAccess = members.filter((m) => m.active !== false && externals.has(m.accountId));
    const siteExternals = [...new Set(withAccess.map((m) => m.accountId))];
    const domains = [...new Set(siteExternals.map((id) => externals.get(id)?.emailDomain ?? ''))].sort();
    const projects = ctx.optional('jira.projects');

    return ctx.items('jira.permission-schemes').map((scheme): RuleOutcome => {
      const resource = { id: String(scheme.id), name: scheme.name };
      const broad = scheme.grants.filter(
        (g) => g.permission === 'BROWSE_PROJECTS' && g.holderType === 'applicationRole',
      );
      const usedBy = projects
        ?.filter((p) => p.permissionSchemeId === scheme.id && !p.archived)
        .map((p) => p.key);
      const evidence = {
        applicationRoleGrants: broad.map((g) => g.holderParameter ?? 'any logged-in user'),
        externalAccounts: siteExternals.length,
        externalDomains: domains,
        projects: usedBy ?? null,
      };
      if (broad.length === 0) {
        return pass(
          resource,
          `${scheme.name} does not grant Browse Projects to every logged-in user.`,
          evidence,
        );
      }
      if (siteExternals.length === 0 && unstated.size > 0) {
        return unknown(
          resource,
          `${scheme.name} grants Browse Projects to every logged-in user, and the verification of ${[...unstated].sort().join(', ')} is not given, so external access cannot be told.`,
          evidence,
        );
      }
      if (siteExternals.length === 0 && !productMembersRead) {
        return unknown(
          resource,
          `${scheme.name} grants Browse Projects to every logged-in user, and the members of the product access groups were not read, so external access cannot be told.`,
          evidence,
        );
      }
      if (siteExternals.length === 0) {
        return pass(
          resource,
          `${scheme.name} grants Browse Projects to every logged-in user, but no external account has Jira access.`,
          evidence,
        );
      }
      const where =
        usedBy === undefined
          ? ''
          : usedBy.length === 0
            ? ' (no project uses it yet)'
            : ` (used by ${usedBy.join(', ')})`;
      return fail(
        resource,
        `${scheme.name} lets every logged-in user browse its projects${where}, and ${siteExternals.length} external accounts (${domains.join(', ')}) have Jira access.`,
        evidence,
      );
    });
  },
});
