import type { Surface } from '../errors.ts';

// How the CLI names what a person changes to fix an error: its flags, with their environment
// twins where a secret is better passed through the environment. The messages themselves live in
// src/errors.ts (and with the errors that carry them), shared with the server.

export const CLI_SURFACE: Surface = {
  input(name, arg) {
    switch (name) {
      case 'site':
        return '--site';
      case 'siteCredential':
        return '--email and --api-token (PALISADE_EMAIL / PALISADE_API_TOKEN)';
      case 'orgId':
        return '--org-id';
      case 'orgApiKey':
        return '--org-api-key (PALISADE_ORG_API_KEY)';
      case 'credentials':
        return 'the credentials given (--email and --api-token, --org-api-key)';
      case 'allowHost':
        return arg
          ? `--allow-host ${arg} (or PALISADE_ALLOW_HOSTS)`
          : 'the host with --allow-host (or PALISADE_ALLOW_HOSTS)';
      case 'database':
        return '--db';
      case 'rescan':
        return 'run palisade scan with this --db first';
      case 'resume':
        return 'run it again with the same --db to resume where it stopped';
      case 'bitbucketWorkspace':
        return '--bitbucket-workspace';
      case 'bitbucketCredential':
        return '--bitbucket-token (PALISADE_BITBUCKET_TOKEN), or --email and --api-token of a workspace admin';
      case 'dataCenterUrl':
        return '--data-center-url';
      case 'dataCenterToken':
        return '--data-center-token (PALISADE_DATA_CENTER_TOKEN)';
    }
  },
};
