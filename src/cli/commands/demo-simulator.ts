import { type RunningSimulator, startSimulator } from '../../../simulator/start.ts';
import { issuedSecrets, listenerHosts } from '../../../simulator/start-info.ts';
import { buildTenant } from '../../../simulator/tenant/build.ts';
import type { CliDeps } from '../cli-deps.ts';
import type { Progress } from '../progress/progress.ts';
import type { Secrets } from '../secrets.ts';

// The simulated "Acme" both demos scan (`palisade demo`, demo-run.ts; `--cli`, demo-cli-run.ts):
// the simulator started in this process with the demo tenant, every credential it hands out
// registered as a secret before anything can print it, the hosts of its listeners (the only
// non-Atlassian hosts a demo may call), and what connects each of its four connections beside the
// organization: the Bitbucket workspace (its workspace access token) and the Jira and Confluence
// Data Center instances (a system administrator's personal access token each).

export interface DemoTenant {
  sim: RunningSimulator;
  /** The simulator's listeners: its sites, admin API, Marketplace, auth, Bitbucket and Data Center hosts. */
  hosts: string[];
  bitbucket: { workspace: string; accessToken: string } | undefined;
  dataCenter: { baseUrl: string; personalAccessToken: string }[];
}

export async function startDemoTenant(
  deps: Pick<CliDeps, 'now'>,
  secrets: Secrets,
  progress: Progress,
): Promise<DemoTenant> {
  progress.phase('starting the Atlassian Cloud simulator with the "Acme" demo organization');
  const sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, deps.now()) });
  const { info } = sim;
  const { admin, bitbucket } = info.credentials;
  secrets.addBasic(admin.email, admin.apiToken);
  secrets.add(...issuedSecrets(info));
  const hosts = listenerHosts(info);
  return {
    sim,
    hosts,
    bitbucket: bitbucket ? { workspace: bitbucket.workspace, accessToken: bitbucket.accessToken } : undefined,
    dataCenter: info.dataCenterSites.map((s) => ({
      baseUrl: s.url,
      personalAccessToken: s.credentials.adminToken,
    })),
  };
}
