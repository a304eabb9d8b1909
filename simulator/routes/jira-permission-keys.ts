// The built-in Jira Cloud permissions, as `GET /rest/api/3/permissions` lists them. Keys and the
// numeric ids (sent as strings) are Jira's own; permissions added after the numeric ids were frozen
// (sprints, workflows, issue layout, JSM agent) report the id "-1", as real responses do.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permission-schemes/#built-in-permissions
// Deprecated aliases (BROWSE, CREATE_ISSUE, …) are absent: the spec says Get all permissions does
// not return them and Get my permissions rejects them.

export interface PermissionKey {
  key: string;
  id: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

const g = (key: string, id: string, name: string, description: string): PermissionKey => ({
  key,
  id,
  name,
  type: 'GLOBAL',
  description,
});
const p = (key: string, id: string, name: string, description: string): PermissionKey => ({
  key,
  id,
  name,
  type: 'PROJECT',
  description,
});

export const PERMISSION_KEYS: readonly PermissionKey[] = [
  g(
    'ADMINISTER',
    '0',
    'Administer Jira',
    'Create and administer projects, issue types, fields, workflows, and schemes for all projects. Users with this permission can perform most administration tasks, except: managing users, importing data, and editing system email settings.',
  ),
  g(
    'SYSTEM_ADMIN',
    '44',
    'Jira System Administrators',
    'Ability to perform all administration functions. There must be at least one group with this permission.',
  ),
  g(
    'USER_PICKER',
    '27',
    'Browse users and groups',
    'View and select users or groups from the user picker, and share issues. Users with this permission can see the names of all users and groups on your site.',
  ),
  g(
    'CREATE_SHARED_OBJECTS',
    '22',
    'Share dashboards and filters',
    'Share dashboards and filters with other users.',
  ),
  g(
    'MANAGE_GROUP_FILTER_SUBSCRIPTIONS',
    '24',
    'Manage group filter subscriptions',
    'Create and delete group filter subscriptions.',
  ),
  g(
    'BULK_CHANGE',
    '33',
    'Make bulk changes',
    'Modify collections of issues at once. For example, resolve multiple issues in one step.',
  ),
  p('ADMINISTER_PROJECTS', '23', 'Administer Projects', 'Ability to administer a project in Jira.'),
  p('EDIT_WORKFLOW', '-1', 'Edit Workflows', 'Ability to edit the workflows of a project.'),
  p('EDIT_ISSUE_LAYOUT', '-1', 'Edit Issue Layouts', 'Ability to edit the issue layouts of a project.'),
  p('BROWSE_PROJECTS', '10', 'Browse Projects', 'Ability to browse projects and the issues within them.'),
  p('MANAGE_SPRINTS_PERMISSION', '-1', 'Manage sprints', 'Ability to manage sprints.'),
  p('SERVICEDESK_AGENT', '-1', 'Service Project Agent', 'Ability to work on requests in a service project.'),
  p(
    'VIEW_DEV_TOOLS',
    '29',
    'View Development Tools',
    'Allows users in a software project to view development-related information on the issue, such as commits, reviews and build information.',
  ),
  p(
    'VIEW_READONLY_WORKFLOW',
    '45',
    'View Read-Only Workflow',
    'Users with this permission may view a read-only version of a workflow.',
  ),
  p('ASSIGNABLE_USER', '17', 'Assignable User', 'Users with this permission may be assigned to issues.'),
  p('ASSIGN_ISSUES', '13', 'Assign Issues', 'Ability to assign issues to other people.'),
  p(
    'CLOSE_ISSUES',
    '18',
    'Close Issues',
    'Ability to close issues. Often useful where your developers resolve issues, and a QA department closes them.',
  ),
  p('CREATE_ISSUES', '11', 'Create Issues', 'Ability to create issues.'),
  p('DELETE_ISSUES', '16', 'Delete Issues', 'Ability to delete issues.'),
  p('EDIT_ISSUES', '12', 'Edit Issues', 'Ability to edit issues.'),
  p(
    'LINK_ISSUES',
    '21',
    'Link Issues',
    'Ability to link issues together and create linked issues. Only useful if issue linking is turned on.',
  ),
  p(
    'MODIFY_REPORTER',
    '30',
    'Modify Reporter',
    'Ability to modify the reporter when creating or editing an issue.',
  ),
  p(
    'MOVE_ISSUES',
    '25',
    'Move Issues',
    'Ability to move issues between projects or between workflows of the same project (if applicable). Note the user can only move issues to a project he or she has the create permission for.',
  ),
  p(
    'RESOLVE_ISSUES',
    '14',
    'Resolve Issues',
    'Ability to resolve and reopen issues. This includes the ability to set a fix version.',
  ),
  p('SCHEDULE_ISSUES', '28', 'Schedule Issues', "Ability to view or edit an issue's due date."),
  p(
    'SET_ISSUE_SECURITY',
    '26',
    'Set Issue Security',
    'Ability to set the level of security on an issue so that only people in that security level can see the issue.',
  ),
  p('TRANSITION_ISSUES', '46', 'Transition Issues', 'Ability to transition issues.'),
  p('MANAGE_WATCHERS', '32', 'Manage Watchers', 'Ability to manage the watchers of an issue.'),
  p(
    'VIEW_VOTERS_AND_WATCHERS',
    '31',
    'View Voters and Watchers',
    'Ability to view the voters and watchers of an issue.',
  ),
  p('ADD_COMMENTS', '15', 'Add Comments', 'Ability to comment on issues.'),
  p('DELETE_ALL_COMMENTS', '36', 'Delete All Comments', 'Ability to delete all comments made on issues.'),
  p('DELETE_OWN_COMMENTS', '37', 'Delete Own Comments', 'Ability to delete own comments made on issues.'),
  p('EDIT_ALL_COMMENTS', '34', 'Edit All Comments', 'Ability to edit all comments made on issues.'),
  p('EDIT_OWN_COMMENTS', '35', 'Edit Own Comments', 'Ability to edit own comments made on issues.'),
  p('CREATE_ATTACHMENTS', '19', 'Create Attachments', 'Users with this permission may create attachments.'),
  p(
    'DELETE_ALL_ATTACHMENTS',
    '38',
    'Delete All Attachments',
    'Users with this permission may delete all attachments.',
  ),
  p(
    'DELETE_OWN_ATTACHMENTS',
    '39',
    'Delete Own Attachments',
    'Users with this permission may delete own attachments.',
  ),
  p('DELETE_ALL_WORKLOGS', '43', 'Delete All Worklogs', 'Ability to delete all worklogs made on issues.'),
  p('DELETE_OWN_WORKLOGS', '42', 'Delete Own Worklogs', 'Ability to delete own worklogs made on issues.'),
  p('EDIT_ALL_WORKLOGS', '41', 'Edit All Worklogs', 'Ability to edit all worklogs made on issues.'),
  p('EDIT_OWN_WORKLOGS', '40', 'Edit Own Worklogs', 'Ability to edit own worklogs made on issues.'),
  p(
    'WORK_ON_ISSUES',
    '20',
    'Work On Issues',
    'Ability to log work done against an issue. Only useful if Time Tracking is turned on.',
  ),
];

export const permissionKeysByKey: ReadonlyMap<string, PermissionKey> = new Map(
  PERMISSION_KEYS.map((k) => [k.key, k]),
);

/**
 * Global permissions every user with Jira product access holds on a default Cloud site: the
 * product's user groups are granted them when the product is added.
 * https://support.atlassian.com/jira-cloud-administration/docs/manage-global-permissions/
 */
export const DEFAULT_USER_GLOBAL_PERMISSIONS: readonly string[] = [
  'USER_PICKER',
  'CREATE_SHARED_OBJECTS',
  'MANAGE_GROUP_FILTER_SUBSCRIPTIONS',
  'BULK_CHANGE',
];
