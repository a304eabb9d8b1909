import { appsForge } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, bool, isoTime, obj, str } from './values.ts';
import { walk } from './walk.ts';

// Forge (and Connect-on-Forge) installations from the GraphQL gateway, 100 per page, for every
// product of the site in ONE walk: the query takes a list of contexts. The client sets `first` and
// `after` and sends the beta header `appEnvironmentVersion` needs (scopes and egress live there).
// One caveat of the single walk: if the account administers one product but not the other, the
// gateway refuses the whole field and the dataset is "forbidden" (site admins administer both).

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

export function appsForgeCollector(): Collector {
  return {
    dataset: appsForge.name,
    scope: 'site',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['graphql.appInstallations'],
    async *collect(ctx) {
      const site = requireSite(ctx, appsForge.name);
      const contexts = site.products.map((p) => `ari:cloud:${p}::site/${site.cloudId}`);
      if (contexts.length === 0) {
        yield { items: [], checkpoint: null };
        return;
      }
      const body = { query: INSTALLATIONS_QUERY, variables: { contexts } };
      yield* walk<unknown>(ctx, 'graphql.appInstallations', { site, body }, (raws) =>
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
    },
  };
}
