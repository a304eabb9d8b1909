// One Jira site: schemes, roles, projects with their role actors, shared filters and dashboards,
// issue security, fields and application properties. Audit records are added by gen-audit.ts.
import type { Random } from '../core/random.ts';
import { customFields, systemFields } from './gen-jira-fields.ts';
import {
  GrantIds,
  issueSecuritySchemes,
  permissionSchemes,
  ROLE,
  roleDefinitions,
} from './gen-jira-schemes.ts';
import { PROJECT_WORDS } from './gen-names.ts';
import type { Posture } from './gen-spec.ts';
import { isoDaysAgo, uniqueName, weighted } from './gen-util.ts';
import type {
  ApplicationProperty,
  Dashboard,
  Filter,
  Group,
  JiraPlan,
  JiraSite,
  Project,
  RoleActors,
  SharePermission,
  Site,
  User,
} from './model.ts';

export interface JiraInputs {
  rng: Random;
  now: Date;
  posture: Posture;
  site: Site;
  plan: JiraPlan;
  projects: number;
  jiraUsers: Group;
  jiraAdmins: Group;
  teams: Group[];
  /** Active people with Jira access on this site (leads, owners, role actors). */
  members: User[];
  customers: User[];
  serviceAccountId: string;
}

export function projectKey(name: string, used: Set<string>): string {
  const words = name
    .toUpperCase()
    .replace(/[^A-Z ]/g, '')
    .split(' ')
    .filter(Boolean);
  const base =
    words.length > 1
      ? words
          .map((w) => w.slice(0, 2))
          .join('')
          .slice(0, 5)
      : (words[0] ?? 'PRJ').slice(0, 4);
  return uniqueName(base, used);
}

const FILTER_NAMES = [
  'Open bugs',
  'My open issues',
  'Sprint scope',
  'Release blockers',
  'Recently resolved',
  'Unassigned',
  'Overdue',
];
const FILTER_JQL = [
  'project = {key} AND issuetype = Bug AND statusCategory != Done ORDER BY priority DESC',
  'project = {key} AND assignee = currentUser() AND resolution = Unresolved',
  'project = {key} AND sprint in openSprints()',
  'project = {key} AND priority = Highest AND fixVersion in unreleasedVersions()',
  'project = {key} AND resolved >= -14d ORDER BY resolved DESC',
  'project = {key} AND assignee IS EMPTY',
  'project = {key} AND duedate < now() AND resolution = Unresolved',
];

function applicationProperties(site: Site): ApplicationProperty[] {
  const rows: [string, string, string, string, ApplicationProperty['type'], string][] = [
    ['jira.title', site.title, 'Title', 'The name of this Jira site', 'string', 'Jira'],
    [
      'jira.baseurl',
      `https://${site.name}.atlassian.net`,
      'Base URL',
      'The base URL of this site',
      'string',
      '',
    ],
    [
      'jira.option.allowunassigned',
      'true',
      'Allow unassigned issues',
      'Issues may have no assignee',
      'boolean',
      'false',
    ],
    [
      'jira.option.user.externalmanagement',
      'false',
      'External user management',
      'Users are managed outside Jira',
      'boolean',
      'false',
    ],
    ['jira.option.watching', 'true', 'Watching', 'Users can watch issues', 'boolean', 'true'],
    ['jira.option.voting', 'true', 'Voting', 'Users can vote for issues', 'boolean', 'true'],
    ['jira.option.issuelinking', 'true', 'Issue linking', 'Issues can be linked', 'boolean', 'true'],
    ['jira.option.timetracking', 'true', 'Time tracking', 'Work can be logged on issues', 'boolean', 'true'],
    [
      'jira.option.emailvisible',
      'user',
      'User email visibility',
      'Who sees e-mail addresses',
      'select',
      'user',
    ],
    ['jira.clone.prefix', 'CLONE -', 'Clone summary prefix', 'Prefix for cloned issues', 'string', 'CLONE -'],
    [
      'jira.projectkey.pattern',
      '([A-Z][A-Z0-9]+)',
      'Project key pattern',
      'Valid project keys',
      'string',
      '([A-Z][A-Z]+)',
    ],
    ['jira.lf.date.dmy', 'dd/MMM/yy', 'Date format', 'Day/month/year format', 'string', 'dd/MMM/yy'],
  ];
  return rows.map(([key, value, name, desc, type, defaultValue]) => ({
    id: key,
    key,
    value,
    name,
    desc,
    type,
    defaultValue,
  }));
}

export function generateJira(input: JiraInputs): JiraSite {
  const { rng, now, site, teams, members } = input;
  const realistic = input.posture === 'realistic';
  const schemes = permissionSchemes(
    rng,
    new GrantIds(),
    { jiraUsers: input.jiraUsers, teams, serviceAccountId: input.serviceAccountId },
    Math.min(12, Math.floor(input.projects / 40)),
  );
  if (realistic && rng.chance(0.3)) {
    const victim = schemes[schemes.length - 1];
    victim?.grants.push({ id: 20_000, permission: 'BROWSE_PROJECTS', holder: { type: 'anyone' } });
  }
  const security = issueSecuritySchemes(input.projects < 20 ? 2 : 5);
  const keys = new Set<string>();
  const names = new Set<string>();
  const active = members.filter((u) => u.accountStatus === 'active');
  const people = active.length > 0 ? active : members;
  const projects: Project[] = [];
  const teamOf = new Map<string, Group | undefined>();
  for (let i = 0; i < input.projects; i++) {
    const name = uniqueName(rng.pick(PROJECT_WORDS), names, ' ');
    const type = weighted<Project['projectTypeKey']>(rng, [
      ['software', 60],
      ['business', 25],
      ['service_desk', 15],
    ]);
    const simplified = type !== 'service_desk' && rng.chance(0.2);
    const lead = rng.pick(people);
    const team = teams.length > 0 ? rng.pick(teams) : undefined;
    const schemeId =
      type === 'service_desk' ? 10_002 : simplified ? 0 : rng.pick(schemes.filter((s) => s.id !== 10_002)).id;
    const restricted = schemeId !== 0 && schemeId !== 10_000;
    const admins: RoleActors = {
      roleId: ROLE.administrators,
      userIds: [lead.accountId],
      groupIds: [input.jiraAdmins.id],
    };
    if (realistic && rng.chance(0.015)) admins.groupIds.push(input.jiraUsers.id);
    const roles: RoleActors[] = [
      admins,
      {
        roleId: ROLE.developers,
        userIds: rng.sample(people, rng.int(0, 2)).map((u) => u.accountId),
        groupIds: team ? [team.id] : [],
      },
      { roleId: ROLE.users, userIds: [], groupIds: restricted ? [] : [input.jiraUsers.id] },
      {
        roleId: ROLE.viewers,
        userIds: rng.sample(people, rng.int(0, 1)).map((u) => u.accountId),
        groupIds: [],
      },
    ];
    if (type === 'service_desk') {
      roles.push({
        roleId: ROLE.serviceDeskTeam,
        userIds: [],
        groupIds: team ? [team.id] : [input.jiraUsers.id],
      });
      roles.push({
        roleId: ROLE.serviceDeskCustomers,
        userIds: rng.sample(input.customers, rng.int(0, 5)).map((u) => u.accountId),
        groupIds: [],
      });
    }
    const project: Project = {
      id: String(10_000 + i),
      key: projectKey(name, keys),
      name,
      projectTypeKey: type,
      simplified,
      isPrivate: simplified ? !realistic || rng.chance(0.6) : restricted,
      leadAccountId: lead.accountId,
      permissionSchemeId: schemeId,
      issueSecuritySchemeId: !simplified && rng.chance(0.3) ? rng.pick(security).id : null,
      roles,
      archived: rng.chance(0.03),
      totalIssueCount: rng.int(0, type === 'service_desk' ? 20_000 : 5_000),
      lastIssueUpdateTime: isoDaysAgo(now, rng.next() ** 2 * 200),
    };
    projects.push(project);
    teamOf.set(project.id, team);
  }
  let shareId = 10_000;
  const shares = (project: Project | undefined): SharePermission[] => {
    const r = rng.next();
    if (realistic && r < 0.01) return [{ id: shareId++, type: 'global' }];
    if (r < 0.45 || !project) return [];
    const team = teamOf.get(project.id);
    if (r < 0.65) return team ? [{ id: shareId++, type: 'group', groupId: team.id }] : [];
    if (r < 0.85) return [{ id: shareId++, type: 'project', projectId: project.id }];
    if (r < 0.92)
      return [{ id: shareId++, type: 'projectRole', projectId: project.id, roleId: ROLE.developers }];
    return [{ id: shareId++, type: 'loggedin' }];
  };
  const filters: Filter[] = [];
  const filterCount = Math.max(5, input.projects * 2);
  for (let i = 0; i < filterCount; i++) {
    const project = projects.length > 0 ? rng.pick(projects) : undefined;
    const n = rng.int(0, FILTER_NAMES.length - 1);
    filters.push({
      id: String(10_000 + i),
      name: `${project?.key ?? 'ALL'}: ${FILTER_NAMES[n]}`,
      description: '',
      jql: (FILTER_JQL[n] ?? '').replace('{key}', project?.key ?? 'ALL'),
      ownerAccountId: rng.pick(people).accountId,
      sharePermissions: shares(project),
    });
  }
  const dashboards: Dashboard[] = [];
  const dashboardCount = Math.max(3, Math.ceil(input.projects / 2));
  for (let i = 0; i < dashboardCount; i++) {
    const project = projects.length > 0 ? rng.pick(projects) : undefined;
    dashboards.push({
      id: String(10_001 + i),
      name: `${project?.name ?? 'Team'} ${rng.pick(['overview', 'sprint health', 'support queue', 'release tracker'])}`,
      description: '',
      ownerAccountId: rng.pick(people).accountId,
      sharePermissions: shares(project),
    });
  }
  return {
    plan: input.plan,
    projects,
    permissionSchemes: schemes,
    roles: roleDefinitions(),
    filters,
    dashboards,
    issueSecuritySchemes: security,
    fields: [
      ...systemFields(),
      ...customFields(rng, Math.min(200, 8 + Math.floor(input.projects / 15)), 10_000),
    ],
    audit: [],
    applicationProperties: applicationProperties(site),
    anonymousGlobalPermissions: [],
    configuration: { votingEnabled: true, watchingEnabled: true, attachmentsEnabled: true },
  };
}
