import type { DatasetRecord } from '../../dataset-catalogue.ts';

// Builders for the normalized Jira records the jira and jsm rule tests write by hand: each fills
// the fields a rule does not look at with neutral values, so a test states only what it is about.

type Scheme = DatasetRecord<'jira.permission-schemes'>;
type Grant = Scheme['grants'][number];
type Project = DatasetRecord<'jira.projects'>;
type Group = DatasetRecord<'jira.groups'>;
type Member = DatasetRecord<'jira.group-members'>;
type Shared = DatasetRecord<'jira.filters'>;
type Share = Shared['sharePermissions'][number];
type ProjectRole = DatasetRecord<'jira.project-roles'>;
type Actor = ProjectRole['actors'][number];
type Probe = DatasetRecord<'jira.anonymous-permissions'>;
type OrgUser = DatasetRecord<'org.users'>;

export function grant(permission: string, holderType: string, holder: string | null = null, id = 1): Grant {
  return { id, permission, holderType, holderParameter: holder, holderValue: holder };
}

export function scheme(id: number, name: string, grants: readonly Omit<Grant, 'id'>[]): Scheme {
  return { id, name, description: null, grants: grants.map((g, i) => ({ ...g, id: id * 100 + i })) };
}

export function project(key: string, fields: Partial<Project> = {}): Project {
  return {
    id: `id-${key}`,
    key,
    name: key,
    projectTypeKey: 'software',
    simplified: false,
    isPrivate: false,
    archived: false,
    leadAccountId: null,
    permissionSchemeId: 0,
    totalIssueCount: null,
    lastIssueUpdateTime: null,
    ...fields,
  };
}

export function group(name: string, accessTypes: Group['accessTypes'], groupId = `gid-${name}`): Group {
  return { groupId, name, accessTypes };
}

export function member(g: Group, accountId: string, fields: Partial<Member> = {}): Member {
  return {
    groupId: g.groupId,
    groupName: g.name,
    accountId,
    accountType: 'atlassian',
    displayName: accountId,
    active: true,
    ...fields,
  };
}

export function shared(id: string, name: string, shares: readonly Partial<Share>[]): Shared {
  return {
    id,
    name,
    ownerAccountId: `owner-${id}`,
    sharePermissions: shares.map((s) => ({
      type: 'group',
      groupId: null,
      groupName: null,
      projectId: null,
      roleId: null,
      accountId: null,
      ...s,
    })),
  };
}

export function groupActor(g: Group): Actor {
  return { type: 'group', accountId: null, groupId: g.groupId, groupName: g.name, displayName: g.name };
}

export function userActor(accountId: string): Actor {
  return { type: 'user', accountId, groupId: null, groupName: null, displayName: accountId };
}

export function projectRole(
  p: Project,
  roleId: number,
  roleName: string,
  actors: Actor[],
  admin = false,
): ProjectRole {
  return { projectId: p.id, projectKey: p.key, roleId, roleName, admin, actors };
}

export const PROJECT_PROBE = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'ADD_COMMENTS',
  'CREATE_ATTACHMENTS',
  'EDIT_ISSUES',
];
export const SITE_PROBE = [
  'USER_PICKER',
  'CREATE_SHARED_OBJECTS',
  'BULK_CHANGE',
  'ADMINISTER',
  ...PROJECT_PROBE,
];

export function siteProbe(held: string[], probed: string[] = SITE_PROBE): Probe {
  return { scope: 'site', projectId: null, projectKey: null, probed, held };
}

export function projectProbe(p: Project, held: string[]): Probe {
  return { scope: 'project', projectId: p.id, projectKey: p.key, probed: PROJECT_PROBE, held };
}

export function orgUser(
  accountId: string,
  emailDomain: string | null,
  fields: Partial<OrgUser> = {},
): OrgUser {
  return {
    accountId,
    accountType: 'atlassian',
    accountStatus: 'active',
    membershipStatus: 'active',
    status: 'active',
    name: accountId,
    emailDomain,
    emailVerified: true,
    claimStatus: 'managed',
    managementSource: null,
    platformRoles: [],
    mfaEnabled: true,
    addedToOrg: null,
    lastActive: null,
    productAccessCount: 1,
    ...fields,
  };
}

export function verifiedDomain(name: string): DatasetRecord<'org.domains'> {
  return { id: `dom-${name}`, name, claimType: 'dns', status: 'verified', verified: true };
}
