import { createCloudClient } from 'jira.js';
import { withRetry } from 'jira.js/core';
import type { SimulatorInfo } from '../simulator/start.ts';

// The baseline a user would otherwise write: jira.js, one site after another, one call after
// another, the library's default page sizes, and `withRetry` waiting out Retry-After on 429s
// and backing off on gateway errors. It enumerates the Jira datasets Palisade collects that
// jira.js exposes: server info, configuration, permission schemes, projects with their scheme
// and role actors, application roles and their groups' members, users, filters, dashboards,
// issue security schemes, fields and the audit log.

const retry = { maxAttempts: 20, initialDelayMs: 250, backoffFactor: 2, retryRateLimit: true };
const call = <T>(operation: () => Promise<T>): Promise<T> => withRetry(operation, retry);

async function paged<T>(
  fetchPage: (startAt: number) => Promise<{ values?: T[]; isLast?: boolean }>,
): Promise<T[]> {
  const all: T[] = [];
  for (let startAt = 0; ; ) {
    const page = await call(() => fetchPage(startAt));
    const values = page.values ?? [];
    all.push(...values);
    if (page.isLast !== false || values.length === 0) return all;
    startAt += values.length;
  }
}

export async function jiraJsBaseline(info: SimulatorInfo): Promise<{ items: number }> {
  let items = 0;
  const admin = info.credentials.admin;
  for (const site of info.sites.filter((s) => s.products.jira)) {
    const jira = createCloudClient({
      host: site.url,
      auth: { type: 'basic', email: admin.email, apiToken: admin.apiToken },
      onSchemaMismatch: 'silent',
    });
    await call(() => jira.serverInfo.getServerInfo());
    await call(() => jira.jiraSettings.getConfiguration());
    const schemes = await call(() =>
      jira.permissionSchemes.getAllPermissionSchemes({ expand: 'permissions' }),
    );
    items += schemes.permissionSchemes?.length ?? 0;

    const projects = await paged((startAt) => jira.projects.searchProjects({ startAt }));
    items += projects.length;
    for (const project of projects) {
      const key = String(project.key);
      await call(() => jira.projectPermissionSchemes.getAssignedPermissionScheme({ projectKeyOrId: key }));
      const roles = await call(() => jira.projectRoles.getProjectRoles({ projectIdOrKey: key }));
      for (const url of Object.values(roles ?? {})) {
        const id = Number(String(url).split('/').pop());
        const role = await call(() => jira.projectRoles.getProjectRole({ projectIdOrKey: key, id }));
        items += role.actors?.length ?? 0;
      }
    }

    const appRoles = await call(() => jira.applicationRoles.getAllApplicationRoles());
    const groupIds = new Set(appRoles.flatMap((r) => (r.groupDetails ?? []).map((g) => String(g.groupId))));
    for (const groupId of groupIds) {
      items += (await paged((startAt) => jira.groups.getUsersFromGroup({ groupId, startAt }))).length;
    }

    for (let startAt = 0; ; startAt += 50) {
      const users = await call(() => jira.users.getAllUsers({ startAt, maxResults: 50 }));
      items += users.length;
      if (users.length < 50) break;
    }
    items += (
      await paged((startAt) => jira.filters.getFiltersPaginated({ startAt, expand: 'sharePermissions' }))
    ).length;
    items += (
      await paged((startAt) =>
        jira.dashboards.getDashboardsPaginated({ startAt, expand: 'sharePermissions' }),
      )
    ).length;
    await call(() => jira.issueSecuritySchemes.getIssueSecuritySchemes());
    items += (await paged((startAt) => jira.issueFields.getFieldsPaginated({ startAt }))).length;
    for (let offset = 0; ; ) {
      const audit = await call(() => jira.auditRecords.getAuditRecords({ offset }));
      const records = audit.records ?? [];
      items += records.length;
      offset += records.length;
      if (records.length === 0 || offset >= (audit.total ?? 0)) break;
    }
  }
  return { items };
}
