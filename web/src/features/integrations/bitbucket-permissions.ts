// What a Bitbucket workspace access token is asked to grant, one row per permission its endpoints
// declare (src/atlassian/catalogue/bitbucket.ts: the name the token's permission carries, in the
// trailing parentheses). test/web/integrations-bitbucket-consent.test.ts holds the two in step.

export interface ConsentRow {
  permission: string;
  reads: string;
  data: string;
}

export const BITBUCKET_ROWS: readonly ConsentRow[] = [
  {
    permission: 'Account: Read (account)',
    reads: 'The workspace’s members and their permission',
    data: 'Members with their workspace permission (owner, collaborator, member) and last access.',
  },
  {
    permission: 'Projects: Read (project)',
    reads: 'The workspace’s projects',
    data: 'Projects: key, privacy, whether they hold public repositories.',
  },
  {
    permission: 'Repositories: Read (repository)',
    reads: 'Repositories and their branching model',
    data: 'Repositories: privacy, fork policy, main branch, project, dates.',
  },
  {
    permission: 'Repositories: Admin (repository:admin)',
    reads: 'Branch restrictions and repository access keys',
    data: 'Branch permissions and merge checks; access keys’ label, when added and last used.',
  },
  {
    permission: 'Projects: Admin (project:admin)',
    reads: 'Project access keys',
    data: 'Access keys’ label, when added and last used.',
  },
  {
    permission: 'Webhooks: Read and write (webhook)',
    reads: 'Workspace and repository webhooks',
    data: 'Where each webhook delivers, its events, whether a secret is set.',
  },
  {
    permission: 'Pipelines: Read (pipeline)',
    reads: 'Pipelines, deployment environments and their variables',
    data: 'Variable names and whether they are secured; values are never kept.',
  },
];
