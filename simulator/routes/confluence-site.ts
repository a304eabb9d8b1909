import { createHash } from 'node:crypto';
import { queryList } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import { confluenceOf, viewerOf } from './confluence-access.ts';
import { wikiBase } from './confluence-v1-render.ts';

// Site-wide Confluence facts: system information and what an anonymous visitor may do.

/**
 * `GET /wiki/rest/api/settings/systemInfo` (SystemInfoEntity). The spec asks only for the 'Can use'
 * global permission, not Confluence Administrator, so any licensed user may read it.
 * https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-settings/#api-wiki-rest-api-settings-systeminfo-get
 */
function systemInfo(call: Call) {
  const { site, confluence } = confluenceOf(call);
  viewerOf(call);
  // `baseUrl` is the site's own address even when called through the 3LO gateway.
  const siteUrl = call.ctx.urls.sites.get(site.id) ?? call.baseUrl;
  return {
    cloudId: site.id,
    commitHash: createHash('sha1').update(`confluence:${site.id}`).digest('hex'),
    baseUrl: `${siteUrl}/wiki`,
    edition: confluence.plan.toLowerCase(),
    siteTitle: site.title,
    defaultLocale: 'en_US',
    defaultTimeZone: 'UTC',
  };
}

/**
 * `GET /wiki/rest/api/user/anonymous` (UserAnonymous). Anonymous callers may ask; with
 * `expand=operations`, `use` on `application` means site-wide anonymous access is on.
 * https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-users/#api-wiki-rest-api-user-anonymous-get
 */
function anonymousUser(call: Call) {
  const { confluence } = confluenceOf(call);
  viewerOf(call);
  const expand = new Set(queryList(call.query, 'expand'));
  const base = wikiBase(call);
  return {
    type: 'anonymous',
    profilePicture: {
      path: '/wiki/s/-1/_/images/icons/profilepics/anonymous.svg',
      width: 48,
      height: 48,
      isDefault: true,
    },
    displayName: 'Anonymous',
    ...(expand.has('operations')
      ? {
          operations: confluence.anonymousOperations.map((o) => ({
            operation: o.operation,
            targetType: o.targetType,
          })),
        }
      : { _expandable: { operations: '' } }),
    isExternalCollaborator: false,
    _links: { base, context: '/wiki', self: `${base}/rest/api/user/anonymous` },
  };
}

export function confluenceSiteRoutes(r: Registrar): void {
  r.serve('confluence.systemInfo.get', systemInfo);
  r.serve('confluence.anonymousUser.get', anonymousUser);
}
