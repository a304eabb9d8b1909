// What a result is about. A fixed list so reports, exceptions and the UI can name and link every
// resource; add a type here when a rule needs a new one.

export const RESOURCE_TYPES = [
  'org',
  'site',
  'domain',
  'user',
  'group',
  'authentication-policy',
  'external-user-policy',
  'mobile-policy',
  'api-token',
  'api-key',
  'app',
  'policy',
  'directory',
  'permission-scheme',
  'global-permission',
  'project',
  'project-role',
  'filter',
  'dashboard',
  'webhook',
  'space',
  'help-center',
  // Data Center: a link to another application (Jira, Confluence, Bitbucket…) and its authentication.
  'application-link',
  'workspace',
  'repository',
  'deploy-key',
  'pipeline-variable',
  'access-token',
  'oauth-consumer',
] as const;

export type ResourceType = (typeof RESOURCE_TYPES)[number];
