// Jira permission schemes, project roles and issue security schemes, with Jira's real permission
// keys and holder shapes (`group` carries the name as parameter and the group id as value).
import type { Random } from '../core/random.ts';
import type {
  Group,
  IssueSecurityScheme,
  PermissionGrant,
  PermissionScheme,
  RoleDefinition,
} from './model.ts';

export const ROLE = {
  users: 10000,
  developers: 10001,
  administrators: 10002,
  viewers: 10003,
  serviceDeskTeam: 10004,
  serviceDeskCustomers: 10005,
} as const;

export function roleDefinitions(): RoleDefinition[] {
  return [
    { id: ROLE.users, name: 'Users', description: 'People who use the project', admin: false },
    { id: ROLE.developers, name: 'Developers', description: 'People who work on issues', admin: false },
    { id: ROLE.administrators, name: 'Administrators', description: 'Project administrators', admin: true },
    { id: ROLE.viewers, name: 'Viewers', description: 'Read-only access', admin: false },
    { id: ROLE.serviceDeskTeam, name: 'Service Desk Team', description: 'Agents', admin: false },
    {
      id: ROLE.serviceDeskCustomers,
      name: 'Service Desk Customers',
      description: 'Portal customers',
      admin: false,
    },
  ];
}

export const VIEW_PERMISSIONS = ['BROWSE_PROJECTS', 'VIEW_VOTERS_AND_WATCHERS', 'VIEW_READONLY_WORKFLOW'];
export const MEMBER_PERMISSIONS = [
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'RESOLVE_ISSUES',
  'CLOSE_ISSUES',
  'TRANSITION_ISSUES',
  'LINK_ISSUES',
  'SCHEDULE_ISSUES',
  'MOVE_ISSUES',
  'CREATE_ATTACHMENTS',
  'ADD_COMMENTS',
  'EDIT_OWN_COMMENTS',
  'DELETE_OWN_COMMENTS',
  'DELETE_OWN_ATTACHMENTS',
  'WORK_ON_ISSUES',
  'EDIT_OWN_WORKLOGS',
  'DELETE_OWN_WORKLOGS',
  'MANAGE_WATCHERS',
  'VIEW_DEV_TOOLS',
];
export const ADMIN_PERMISSIONS = [
  'ADMINISTER_PROJECTS',
  'DELETE_ISSUES',
  'DELETE_ALL_COMMENTS',
  'DELETE_ALL_ATTACHMENTS',
  'EDIT_ALL_COMMENTS',
  'EDIT_ALL_WORKLOGS',
  'DELETE_ALL_WORKLOGS',
  'SET_ISSUE_SECURITY',
  'MODIFY_REPORTER',
  'ARCHIVE_ISSUES',
  'UNARCHIVE_ISSUES',
];

type Holder = PermissionGrant['holder'];
export const holder = {
  anyone: (): Holder => ({ type: 'anyone' }),
  loggedIn: (): Holder => ({ type: 'applicationRole' }),
  group: (g: Group): Holder => ({ type: 'group', parameter: g.name, value: g.id }),
  role: (id: number): Holder => ({ type: 'projectRole', parameter: String(id), value: String(id) }),
  user: (accountId: string): Holder => ({ type: 'user', parameter: accountId, value: accountId }),
  lead: (): Holder => ({ type: 'projectLead' }),
  reporter: (): Holder => ({ type: 'reporter' }),
  assignee: (): Holder => ({ type: 'assignee' }),
  portal: (): Holder => ({ type: 'sd.customer.portal.only' }),
};

/** Hands out grant ids unique across a site's schemes. */
export class GrantIds {
  private next = 10_000;
  grant(permission: string, h: Holder): PermissionGrant {
    return { id: this.next++, permission, holder: h };
  }
  static after(schemes: PermissionScheme[]): GrantIds {
    const ids = new GrantIds();
    for (const s of schemes) for (const g of s.grants) ids.next = Math.max(ids.next, g.id + 1);
    return ids;
  }
}

export interface SchemeGroups {
  jiraUsers: Group;
  teams: Group[];
  /** An integration account some restricted schemes name directly (a `user` holder). */
  serviceAccountId: string;
}

export function permissionSchemes(
  rng: Random,
  ids: GrantIds,
  groups: SchemeGroups,
  extra: number,
): PermissionScheme[] {
  const admin = ADMIN_PERMISSIONS.map((p) => ids.grant(p, holder.role(ROLE.administrators)));
  const defaultScheme: PermissionScheme = {
    id: 0,
    name: 'Default Permission Scheme',
    description: 'The default permission scheme: any logged-in user with Jira access can browse and work.',
    grants: [
      ...[...VIEW_PERMISSIONS, ...MEMBER_PERMISSIONS].map((p) => ids.grant(p, holder.loggedIn())),
      ids.grant('RESOLVE_ISSUES', holder.assignee()),
      ids.grant('CLOSE_ISSUES', holder.assignee()),
      ids.grant('EDIT_ISSUES', holder.reporter()),
      ...admin,
    ],
  };
  const adminGrants = (): PermissionGrant[] =>
    ADMIN_PERMISSIONS.map((p) => ids.grant(p, holder.role(ROLE.administrators)));
  const internal: PermissionScheme = {
    id: 10_000,
    name: 'Internal projects',
    description: 'Everyone with Jira access can browse; project members work on issues.',
    grants: [
      ...VIEW_PERMISSIONS.map((p) => ids.grant(p, holder.group(groups.jiraUsers))),
      ...MEMBER_PERMISSIONS.map((p) => ids.grant(p, holder.role(ROLE.developers))),
      ids.grant('CREATE_ISSUES', holder.role(ROLE.users)),
      ids.grant('ADD_COMMENTS', holder.role(ROLE.users)),
      ids.grant('ADMINISTER_PROJECTS', holder.lead()),
      ...adminGrants(),
    ],
  };
  const restricted = (id: number, name: string, description: string, team?: Group): PermissionScheme => ({
    id,
    name,
    description,
    grants: [
      ...VIEW_PERMISSIONS.flatMap((p) => [
        ids.grant(p, holder.role(ROLE.developers)),
        ids.grant(p, holder.role(ROLE.administrators)),
        ids.grant(p, holder.role(ROLE.viewers)),
      ]),
      ...(team ? [ids.grant('BROWSE_PROJECTS', holder.group(team))] : []),
      ids.grant('BROWSE_PROJECTS', holder.user(groups.serviceAccountId)),
      ...MEMBER_PERMISSIONS.map((p) => ids.grant(p, holder.role(ROLE.developers))),
      ids.grant('EDIT_ISSUES', holder.reporter()),
      ...adminGrants(),
    ],
  });
  const serviceDesk: PermissionScheme = {
    id: 10_002,
    name: 'Service desk permission scheme',
    description: 'Agents work on requests; customers use the portal only.',
    grants: [
      ...VIEW_PERMISSIONS.map((p) => ids.grant(p, holder.role(ROLE.serviceDeskTeam))),
      ...['BROWSE_PROJECTS', 'CREATE_ISSUES', 'ADD_COMMENTS'].map((p) => ids.grant(p, holder.portal())),
      ids.grant('SERVICEDESK_AGENT', holder.role(ROLE.serviceDeskTeam)),
      ...MEMBER_PERMISSIONS.map((p) => ids.grant(p, holder.role(ROLE.serviceDeskTeam))),
      ...adminGrants(),
    ],
  };
  const schemes = [
    defaultScheme,
    internal,
    restricted(10_001, 'Restricted projects', 'Only project members can browse.'),
    serviceDesk,
  ];
  for (let i = 0; i < extra; i++) {
    const team = groups.teams.length > 0 ? rng.pick(groups.teams) : undefined;
    const label = team ? team.name : `restricted ${i + 1}`;
    schemes.push(
      restricted(10_003 + i, `Restricted: ${label}`, `Browse limited to ${label} and project roles.`, team),
    );
  }
  return schemes;
}

const SECURITY_SCHEMES = [
  ['Default issue security', ['Internal', 'Team only']],
  ['Confidential', ['Confidential', 'Management', 'Legal']],
  ['Customer visible', ['Customer visible', 'Internal only']],
  ['Security incidents', ['Security team', 'Incident responders']],
  ['HR restricted', ['HR only', 'People managers']],
] as const;

export function issueSecuritySchemes(count: number): IssueSecurityScheme[] {
  let levelId = 10_000;
  return SECURITY_SCHEMES.slice(0, count).map(([name, levels], i) => ({
    id: 10_000 + i,
    name,
    description: `${name} levels`,
    levels: levels.map((level, j) => ({
      id: String(levelId++),
      name: level,
      description: `Visible to ${level.toLowerCase()}`,
      isDefault: j === 0,
    })),
  }));
}
