// Referential integrity of a tenant: every id a record points at exists, and ids, keys and e-mails
// are unique where Atlassian makes them unique. Returns the problems (empty when sound).
import type { Tenant } from './model.ts';

function duplicates(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

export function integrityProblems(t: Tenant): string[] {
  const problems: string[] = [];
  const problem = (message: string): void => {
    if (problems.length < 50) problems.push(message);
  };
  const unique = (what: string, values: Iterable<string>): void => {
    for (const d of duplicates(values).slice(0, 5)) problem(`duplicate ${what}: ${d}`);
  };
  const users = new Map(t.users.map((u) => [u.accountId, u]));
  const groups = new Map(t.groups.map((g) => [g.id, g]));
  const sites = new Map(t.sites.map((s) => [s.id, s]));
  const apps = new Map(t.apps.map((a) => [a.key, a]));
  unique('account id', users.size === t.users.length ? [] : t.users.map((u) => u.accountId));
  unique(
    'e-mail',
    t.users.map((u) => u.email.toLowerCase()),
  );
  unique(
    'group id',
    t.groups.map((g) => g.id),
  );
  unique(
    'group name',
    t.groups.map((g) => g.name.toLowerCase()),
  );
  unique(
    'site id',
    t.sites.map((s) => s.id),
  );
  unique(
    'site name',
    t.sites.map((s) => s.name),
  );
  unique(
    'app key',
    t.apps.map((a) => a.key),
  );
  unique(
    'api token id',
    t.apiTokens.map((k) => k.id),
  );
  unique('secret', [...t.apiTokens.map((k) => k.secret), ...t.orgApiKeys.map((k) => k.secret)]);
  for (const g of t.groups) {
    unique(`member of ${g.name}`, g.memberIds);
    for (const id of g.memberIds) if (!users.has(id)) problem(`group ${g.name} has unknown member ${id}`);
    for (const grant of g.grants)
      if (!sites.get(grant.siteId)?.[grant.product]) problem(`group ${g.name} grants a missing site/product`);
  }
  for (const u of t.users) {
    for (const a of u.productAccess)
      if (!sites.get(a.siteId)?.[a.product]) problem(`${u.email} has access to a missing site/product`);
    if (u.accountType === 'app' && (!u.appKey || !apps.has(u.appKey)))
      problem(`app account ${u.email} names no installed app`);
  }
  const installed = new Set<string>();
  for (const i of t.installations) {
    installed.add(i.appKey);
    if (!apps.has(i.appKey)) problem(`installation of unknown app ${i.appKey}`);
    if (!sites.get(i.siteId)?.[i.product]) problem(`${i.appKey} is installed on a missing site/product`);
    const account = users.get(i.appAccountId);
    if (account?.accountType !== 'app' || account.appKey !== i.appKey)
      problem(`${i.appKey}: appAccountId is not its app account`);
    if (users.get(i.installedBy)?.accountType !== 'atlassian')
      problem(`${i.appKey}: installedBy is not a person`);
  }
  unique(
    'installation',
    t.installations.map((i) => `${i.appKey}|${i.siteId}|${i.product}`),
  );
  for (const a of t.apps) if (!installed.has(a.key)) problem(`app ${a.key} has no installation`);
  const vendors = new Set(t.marketplace.vendors.map((v) => v.id));
  const listed = new Set(t.marketplace.listings.map((l) => l.appKey));
  unique(
    'listing',
    t.marketplace.listings.map((l) => l.appKey),
  );
  for (const l of t.marketplace.listings) {
    if (!apps.get(l.appKey)?.listed) problem(`listing for unlisted or unknown app ${l.appKey}`);
    if (!vendors.has(l.vendorId)) problem(`listing ${l.appKey} names unknown vendor ${l.vendorId}`);
  }
  for (const a of t.apps) if (a.listed && !listed.has(a.key)) problem(`listed app ${a.key} has no listing`);
  for (const site of t.sites) {
    const jira = site.jira;
    if (jira) {
      const schemes = new Set(jira.permissionSchemes.map((s) => s.id));
      const roles = new Set(jira.roles.map((r) => r.id));
      const security = new Set(jira.issueSecuritySchemes.map((s) => s.id));
      const projects = new Set(jira.projects.map((p) => p.id));
      unique(
        `${site.name} project key`,
        jira.projects.map((p) => p.key),
      );
      unique(
        `${site.name} project id`,
        jira.projects.map((p) => p.id),
      );
      unique(
        `${site.name} grant id`,
        jira.permissionSchemes.flatMap((s) => s.grants.map((g) => String(g.id))),
      );
      unique(
        `${site.name} filter id`,
        jira.filters.map((f) => f.id),
      );
      unique(
        `${site.name} dashboard id`,
        jira.dashboards.map((d) => d.id),
      );
      unique(
        `${site.name} field id`,
        jira.fields.map((f) => f.id),
      );
      for (const s of jira.permissionSchemes) {
        for (const g of s.grants) {
          const h = g.holder;
          if (h.type === 'group' && groups.get(h.value ?? '')?.name !== h.parameter)
            problem(`${site.name} scheme ${s.name}: bad group holder`);
          if (h.type === 'user' && !users.has(h.value ?? ''))
            problem(`${site.name} scheme ${s.name}: unknown user holder`);
          if (h.type === 'projectRole' && !roles.has(Number(h.value)))
            problem(`${site.name} scheme ${s.name}: unknown role`);
        }
      }
      for (const p of jira.projects) {
        if (!users.has(p.leadAccountId)) problem(`${site.name} ${p.key}: unknown lead`);
        if (!schemes.has(p.permissionSchemeId)) problem(`${site.name} ${p.key}: unknown permission scheme`);
        if (p.issueSecuritySchemeId !== null && !security.has(p.issueSecuritySchemeId))
          problem(`${site.name} ${p.key}: unknown security scheme`);
        for (const r of p.roles) {
          if (!roles.has(r.roleId)) problem(`${site.name} ${p.key}: unknown role ${r.roleId}`);
          for (const id of r.userIds) if (!users.has(id)) problem(`${site.name} ${p.key}: unknown role user`);
          for (const id of r.groupIds)
            if (!groups.has(id)) problem(`${site.name} ${p.key}: unknown role group`);
        }
      }
      for (const item of [...jira.filters, ...jira.dashboards]) {
        if (!users.has(item.ownerAccountId)) problem(`${site.name} ${item.name}: unknown owner`);
        for (const s of item.sharePermissions) {
          if (s.groupId && !groups.has(s.groupId))
            problem(`${site.name} ${item.name}: share to unknown group`);
          if (s.projectId && !projects.has(s.projectId))
            problem(`${site.name} ${item.name}: share to unknown project`);
        }
      }
      for (const r of jira.audit)
        if (!users.has(r.authorAccountId)) problem(`${site.name} audit ${r.id}: unknown author`);
    }
    const confluence = site.confluence;
    if (confluence) {
      unique(
        `${site.name} space key`,
        confluence.spaces.map((s) => s.key),
      );
      unique(
        `${site.name} space id`,
        confluence.spaces.map((s) => s.id),
      );
      unique(
        `${site.name} space permission id`,
        confluence.spaces.flatMap((s) => s.permissions.map((p) => p.id)),
      );
      for (const s of confluence.spaces) {
        if (!users.has(s.authorId)) problem(`${site.name} ${s.key}: unknown author`);
        for (const p of s.permissions) {
          if (p.subject.type === 'user' && !users.has(p.subject.accountId))
            problem(`${site.name} ${s.key}: unknown user`);
          if (p.subject.type === 'group' && !groups.has(p.subject.groupId))
            problem(`${site.name} ${s.key}: unknown group`);
        }
      }
      for (const r of confluence.audit)
        if (!users.has(r.authorAccountId)) problem(`${site.name} confluence audit: unknown author`);
    }
  }
  for (const k of t.apiTokens) if (!users.has(k.accountId)) problem(`token ${k.id} of unknown user`);
  const c = t.credentials;
  const token = (id: string) => t.apiTokens.find((k) => k.id === id);
  if (!users.get(c.adminAccountId)?.platformRoles.includes('atlassian/org-admin'))
    problem('admin credential is not an org admin');
  if (token(c.adminTokenId)?.accountId !== c.adminAccountId) problem('admin token is not the admin’s');
  if (token(c.memberTokenId)?.accountId !== c.memberAccountId) problem('member token is not the member’s');
  if (c.scopedTokenId !== undefined) {
    const scoped = token(c.scopedTokenId);
    if (scoped?.accountId !== c.adminAccountId) problem('scoped token is not the admin’s');
    if (!scoped?.scopes) problem('scopedTokenId is not a token with scopes');
  }
  if (t.orgApiKeys.find((k) => k.id === c.orgApiKeyId)?.scopes !== null)
    problem('orgApiKeyId is not an unscoped key');
  if (!t.orgApiKeys.find((k) => k.id === c.scopedOrgApiKeyId)?.scopes)
    problem('scopedOrgApiKeyId is not a scoped key');
  if (!t.oauthClients.some((o) => o.clientId === c.oauthClientId)) problem('oauthClientId names no client');
  return problems;
}
