import { appsForge } from '../../inventory/datasets/index.ts';
import { defineCollector, type PartialNote } from '../collector.ts';
import { administers, rightLabel } from '../credential-access.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, bool, isoTime, obj, str } from './values.ts';
import { walk } from './walk.ts';

// Forge (and Connect-on-Forge) installations from the GraphQL gateway, 100 per page, for every
// product of the site in ONE walk: the query takes a list of contexts. The client sets `first` and
// `after` and sends the beta header `appEnvironmentVersion` needs (scopes and egress live there).
// The gateway lists a product's apps only to its administrators and refuses the whole field if
// one context is refused, so when discovery established the credential's rights
// (credential-access.ts), only the products it administers are asked for and the dataset is
// partial, naming the others (the sync plan forbids it when it administers none). With the rights
// unknown every product is asked for, and a refusal makes the dataset "forbidden".

export const INSTALLATIONS_QUERY = `query palisade_appInstallations($contexts: [ID!]!, $first: Int, $after: String) {
  ecosystem {
    appInstallationsByContext(filter: { appInstallations: { contexts: $contexts } }, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        installationContext
        createdAt
        app { id name vendorName }
        appEnvironment { key type }
        appEnvironmentVersion { version permissions { scopes { key } egress { type addresses } } }
        license { active type isEvaluation }
      }
    }
  }
}`;

/** `ari:cloud:ecosystem::app/<uuid>` → `<uuid>`. */
export function appIdOf(ari: string | null): string | null {
  if (!ari) return null;
  const m = /app\/([0-9a-fA-F-]+)$/.exec(ari);
  return m ? (m[1] as string).toLowerCase() : ari;
}

function productOfContext(ari: string | null): 'jira' | 'confluence' | null {
  const m = /^ari:cloud:(jira|confluence)::site\//.exec(ari ?? '');
  return m ? (m[1] as 'jira' | 'confluence') : null;
}

export const collector = defineCollector({
  dataset: appsForge,
  cost: ({ records, pages }) => pages('graphql.appInstallations.list', records.length),
  async *collect(ctx) {
    const site = requireSite(ctx, appsForge.name);
    // The gateway lists Jira's and Confluence's apps; a Bitbucket workspace is no site of it.
    const cloud = site.products.filter((p): p is 'jira' | 'confluence' => p !== 'bitbucket');
    const refused = cloud.filter((p) => administers(ctx.access, p) === false);
    const products = cloud.filter((p) => !refused.includes(p));
    const note: PartialNote | undefined =
      refused.length > 0
        ? {
            reason: `the apps of ${refused.map(productName).join(' and ')} were not read: the gateway lists them only to ${refused.length > 1 ? 'their' : 'its'} administrators`,
            missing: refused
              .map((p) => rightLabel(p === 'jira' ? 'jira-admin' : 'confluence-admin'))
              .join(', '),
          }
        : undefined;
    const contexts = products.map((p) => `ari:cloud:${p}::site/${site.cloudId}`);
    const partial = note ? { partial: note } : {};
    if (contexts.length === 0) {
      yield { items: [], checkpoint: null, ...partial };
      return;
    }
    const body = { query: INSTALLATIONS_QUERY, variables: { contexts } };
    // The gateway's nodes are found wherever the connection sits: read them as found.
    const pages = walk(ctx, 'graphql.appInstallations.list', { site, body }, (raws) =>
      raws.flatMap((raw) => {
        const n = obj(raw);
        const product = productOfContext(str(n.installationContext));
        if (!product) return [];
        const app = obj(n.app);
        const version = obj(n.appEnvironmentVersion);
        const permissions = arr(version.permissions).map(obj);
        const license = n.license === null || n.license === undefined ? null : obj(n.license);
        return [
          toItem(appsForge, {
            installationId: str(n.id),
            appId: appIdOf(str(app.id)),
            name: str(app.name),
            vendorName: str(app.vendorName),
            product,
            environmentType: str(obj(n.appEnvironment).type),
            version: str(version.version),
            scopes: permissions
              .flatMap((p) => arr(p.scopes).map((s) => str(obj(s).key)))
              .filter((s) => s !== null),
            egress: permissions
              .flatMap((p) => arr(p.egress).flatMap((e) => arr(obj(e).addresses).map(str)))
              .filter((a) => a !== null),
            license: license
              ? {
                  active: bool(license.active),
                  type: str(license.type),
                  evaluation: bool(license.isEvaluation),
                }
              : null,
            installedAt: isoTime(n.createdAt),
          }),
        ];
      }),
    );
    for await (const page of pages) yield page.checkpoint === null ? { ...page, ...partial } : page;
  },
});

function productName(product: 'jira' | 'confluence'): string {
  return product === 'jira' ? 'Jira' : 'Confluence';
}
