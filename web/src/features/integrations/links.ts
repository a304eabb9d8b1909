// Atlassian's pages the Add forms point to, where a person creates the credential a form asks for.

/** Where a person creates an Atlassian API token. */
export const GENERATE_API_KEY_URL = 'https://id.atlassian.com/manage-profile/security/api-tokens';

/** Creating an access token for a Bitbucket workspace (a Bitbucket Premium feature). */
export const BITBUCKET_ACCESS_TOKEN_URL =
  'https://support.atlassian.com/bitbucket-cloud/docs/create-a-workspace-access-token/';

/** Personal access tokens of Jira and Confluence Data Center. */
export const DATA_CENTER_PAT_URL =
  'https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html';
