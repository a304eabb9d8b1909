import { z } from 'zod';

// Installed apps: the Universal Plugin Manager REST resource and the GraphQL gateway, both
// undocumented in Cloud (JRACLOUD-95422), so no spec. Shapes after UPM's representations
// (docs/atlassian/API.md §c.1, simulator/routes/upm-render.ts) and the gateway's
// `appInstallationsByContext` (§c.2, simulator/routes/graphql-installations.ts).

/**
 * UPM `PluginSummaryRepresentation`: what the list shows per plugin. Relied on: the key, and the
 * two flags that decide what an app is — `userInstalled` (false: a system plugin, dropped from the
 * app inventory) and `enabled`.
 */
export const upmPluginSummary = z.looseObject({
  key: z.string(),
  name: z.string().optional(),
  version: z.string().optional(),
  enabled: z.boolean(),
  /** false for Atlassian's bundled system plugins. */
  userInstalled: z.boolean(),
  /** true for Connect apps. */
  remotable: z.boolean().optional(),
  optional: z.boolean().optional(),
  uninstallable: z.boolean().optional(),
  description: z.string().nullish(),
  vendor: z
    .looseObject({
      name: z.string().optional(),
      link: z.string().optional(),
      marketplaceLink: z.string().optional(),
      topVendor: z.boolean().optional(),
    })
    .optional(),
});

export const upmPluginList = z.looseObject({ plugins: z.array(upmPluginSummary) });

/** UPM `PluginRepresentation`: the summary plus modules and, for paid apps, the licence. */
export const upmPlugin = upmPluginSummary.extend({
  modules: z.array(z.looseObject({ key: z.string(), enabled: z.boolean().optional() })).optional(),
  licenseDetails: z
    .looseObject({
      valid: z.boolean().optional(),
      evaluation: z.boolean().optional(),
      licenseType: z.string().optional(),
    })
    .optional(),
});

/**
 * One installation. `installationContext` says which product it is installed in (without it the
 * installation cannot be placed); a node whose `app` the gateway could not resolve comes as
 * `app: null` with an entry in `errors`, and is left out as unusable.
 */
export const appInstallationNode = z.looseObject({
  id: z.string(),
  installationContext: z.string(),
  app: z.looseObject({ id: z.string(), name: z.string(), vendorName: z.string().nullish() }),
  appEnvironment: z.looseObject({ type: z.string().optional() }).nullish(),
  appEnvironmentVersion: z.looseObject({ version: z.string().optional() }).nullish(),
  license: z.looseObject({ active: z.boolean().optional(), type: z.string().nullish() }).nullish(),
  createdAt: z.string().nullish(),
});

/**
 * The GraphQL answer. A field the gateway cannot resolve is null with an entry in `errors` (HTTP
 * 200; https://spec.graphql.org/October2021/#sec-Handling-Field-Errors): the data beside it is
 * kept and the dataset is partial; a null connection or `data` is for the walker to report (an
 * access problem, or the whole query failed), so both may be null here.
 */
export const appInstallationsResponse = z.looseObject({
  data: z
    .looseObject({
      ecosystem: z
        .looseObject({
          appInstallationsByContext: z
            .looseObject({
              pageInfo: z.looseObject({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
              nodes: z.array(appInstallationNode),
            })
            .nullable(),
        })
        .nullable(),
    })
    .nullish(),
  errors: z
    .array(
      z.looseObject({
        message: z.string().optional(),
        extensions: z.looseObject({ statusCode: z.number().optional() }).optional(),
      }),
    )
    .optional(),
});
