import { z } from 'zod';
import { upmPlugin, upmPluginList } from './apps.ts';

// Jira and Confluence Data Center: Atlassian publishes no OpenAPI document for them (the REST
// references are HTML), so their response shapes are hand-written here from those references —
// Jira https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/, Confluence
// https://docs.atlassian.com/ConfluenceServer/rest/8.5.0/, atlassian-audit
// https://developer.atlassian.com/server/framework/atlassian-sdk/rest/api-group-configuration/ —
// and the simulator. Required fields are exactly what the collectors rely on; everything else is
// optional with its documented type.

/** Jira `ServerInfo`. */
export const dcJiraServerInfo = z.looseObject({
  baseUrl: z.string(),
  version: z.string(),
  versionNumbers: z.array(z.number()).optional(),
  deploymentType: z.string().optional(),
  buildNumber: z.number().optional(),
  buildDate: z.string().optional(),
  serverTitle: z.string().optional(),
});

/** Jira `ApplicationProperty` list. */
export const dcJiraApplicationProperties = z.array(
  z.looseObject({
    key: z.string(),
    value: z.string().nullish(),
    name: z.string().optional(),
    type: z.string().optional(),
    defaultValue: z.string().nullish(),
  }),
);

/** Jira `password/policy`: the policy's requirements as user-facing messages (the spec says one string; it is an array). */
export const dcJiraPasswordPolicy = z.array(z.string());

/** Jira `mypermissions`: global permission keys with whether the caller holds each. */
export const dcJiraMyPermissions = z.looseObject({
  permissions: z.record(
    z.string(),
    z.looseObject({ key: z.string().optional(), havePermission: z.boolean(), type: z.string().optional() }),
  ),
});

/** A holder of a grant: `group` / `user` with its name in `parameter`, or `anyone`. */
const holder = z.looseObject({ type: z.string(), parameter: z.string().nullish() });

/** Global permission grants (a resource only the simulator serves; see the catalogue). */
export const dcGlobalPermissions = z.looseObject({
  globalPermissions: z.array(z.looseObject({ permission: z.string(), holders: z.array(holder) })),
});

/**
 * Confluence DC 10 `GET /rest/api/permissions`: `GlobalPermission[]`, an operation (`application
 * use`, `application administer`, `system administer`, `space create`, `personal_space create`,
 * `user read`) and the subject holding it (`group` by `name`, `user` by `username`/`userKey`,
 * `anonymous`).
 */
export const dcConfluenceGlobalPermissions = z.array(
  z.looseObject({
    operation: z.looseObject({ targetType: z.string(), operationKey: z.string() }),
    subject: z.looseObject({
      type: z.string(),
      name: z.string().optional(),
      username: z.string().optional(),
      userKey: z.string().optional(),
      displayName: z.string().optional(),
    }),
  }),
);

/** Jira `PageBean<UserJsonBean>` of `group/member`. */
export const dcJiraGroupMembersPage = z.looseObject({
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
  isLast: z.boolean().optional(),
  values: z.array(
    z.looseObject({
      name: z.string(),
      key: z.string().optional(),
      displayName: z.string().optional(),
      active: z.boolean().optional(),
    }),
  ),
});

/** Jira `user/picker` (`UserPickerResultsBean`). */
export const dcJiraUserPicker = z.looseObject({
  users: z.array(z.looseObject({ name: z.string().optional(), displayName: z.string().optional() })),
  total: z.number().optional(),
});

const directory = z.looseObject({
  id: z.union([z.string(), z.number()]),
  name: z.string(),
  type: z.string(),
  implementation: z.string().nullish(),
  active: z.boolean(),
  secure: z.boolean().nullish(),
});

/** User directories in order (simulated on both products; see the catalogue). */
export const dcJiraDirectories = z.array(directory.extend({ position: z.number().optional() }));
export const dcConfluenceDirectories = z.looseObject({
  directories: z.array(directory.extend({ order: z.number().optional() })),
});

/** The application-links manifest (`ManifestEntity`), Confluence's version answer. */
export const dcApplinksManifest = z.looseObject({
  url: z.string(),
  version: z.string(),
  buildNumber: z.number().optional(),
  typeId: z.string().optional(),
  name: z.string().optional(),
  publicSignup: z.boolean().optional(),
});

/** Confluence Server start/limit page. */
const startLimitPage = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    results: z.array(item),
    start: z.number().optional(),
    limit: z.number().optional(),
    size: z.number().optional(),
    _links: z.looseObject({ next: z.string().optional(), base: z.string().optional() }).optional(),
  });

export const dcConfluenceSpacesPage = startLimitPage(
  z.looseObject({ key: z.string(), name: z.string().optional(), type: z.string().optional() }),
);

export const dcConfluenceGroupMembersPage = startLimitPage(
  z.looseObject({
    username: z.string(),
    displayName: z.string().optional(),
    /** `current` or `deactivated`. */
    status: z.string().optional(),
  }),
);

/** Confluence's security configuration (a resource only the simulator serves; see the catalogue). */
export const dcConfluenceSecuritySettings = z.looseObject({
  signupMode: z.string().nullish(),
  captcha: z
    .looseObject({ enabled: z.boolean().optional(), maximumAuthenticationAttempts: z.number().nullish() })
    .optional(),
  webSudo: z
    .looseObject({ enabled: z.boolean().optional(), timeoutMinutes: z.number().nullish() })
    .optional(),
  rememberMe: z.looseObject({ enabled: z.boolean().optional(), days: z.number().nullish() }).optional(),
  anonymousRemoteApi: z.boolean().nullish(),
  externalUserManagement: z.boolean().nullish(),
  passwordPolicy: z
    .looseObject({
      level: z.string().nullish(),
      minimumLength: z.number().nullish(),
      minimumUppercase: z.number().nullish(),
      minimumLowercase: z.number().nullish(),
      minimumDigits: z.number().nullish(),
      minimumSpecial: z.number().nullish(),
    })
    .optional(),
  personalAccessTokens: z
    .looseObject({
      creationEnabled: z.boolean().nullish(),
      eternalAllowed: z.boolean().nullish(),
      maxExpiryDays: z.number().nullish(),
    })
    .optional(),
});

/** atlassian-audit `AuditCoverageConfigJson`. */
export const dcAuditCoverage = z.looseObject({ levelByArea: z.record(z.string(), z.string()) });

/** atlassian-audit `AuditRetentionConfigJson`: `period` is a java.time.Period, ISO-8601 (`P3Y`). */
export const dcAuditRetention = z.looseObject({ period: z.string() });

/** `/rest/applinks/1.0/listApplicationlinks`. */
export const dcApplicationLinks = z.looseObject({
  list: z.array(
    z.looseObject({
      application: z.looseObject({
        id: z.string(),
        name: z.string(),
        typeId: z.string(),
        displayUrl: z.string().optional(),
        rpcUrl: z.string(),
        isPrimary: z.boolean().optional(),
        isSystem: z.boolean().optional(),
      }),
      configuredOutboundAuthenticators: z.array(z.string()).optional(),
      configuredInboundAuthenticators: z.array(z.string()).optional(),
    }),
  ),
});

/** UPM's plugin on Data Center: licences carry maintenance dates (epoch milliseconds). */
export const dcUpmPlugin = upmPlugin.extend({
  licenseDetails: z
    .looseObject({
      valid: z.boolean().optional(),
      evaluation: z.boolean().optional(),
      licenseType: z.string().optional(),
      expiryDate: z.number().optional(),
      maintenanceExpiryDate: z.number().optional(),
      /** What is wrong with the licence (`EXPIRED`, `VERSION_MISMATCH`, …). */
      error: z.string().optional(),
    })
    .optional(),
});

export const dcUpmPluginList = upmPluginList;

/** UPM's update check: installed plugins with a newer version compatible with this product version. */
export const dcUpmUpdates = z.looseObject({
  plugins: z.array(z.looseObject({ key: z.string(), version: z.string() })),
});
