import { queryList } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import { isAdmin, viewerOf } from './confluence-access.ts';
import { renderV1User } from './confluence-v1-render.ts';

// `GET /wiki/rest/api/user/current`: the caller. With `expand=operations` its global operations
// show (`OperationCheckResult`, target type `application`), among them `administer` for Confluence
// administrators: how an app tells an administrator.
// https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-users/#api-wiki-rest-api-user-current-get
// https://community.developer.atlassian.com/t/how-to-check-if-a-user-can-administer-confluence-in-a-connect-app/29678

function currentUser(call: Call) {
  const viewer = viewerOf(call);
  // viewerOf answers 403 to a signed-in user without "Can use", and 401 without credentials.
  if (viewer.kind !== 'user') return { type: 'anonymous', displayName: 'Anonymous' };
  const expand = new Set(queryList(call.query, 'expand'));
  const { _expandable, ...user } = renderV1User(call, viewer.user);
  const operations = [
    { operation: 'use', targetType: 'application' },
    { operation: 'create_space', targetType: 'application' },
    ...(isAdmin(viewer) ? [{ operation: 'administer', targetType: 'application' }] : []),
  ];
  return {
    ...user,
    ...(expand.has('operations') ? { operations, _expandable: { personalSpace: '' } } : { _expandable }),
  };
}

export function confluenceCurrentUserRoutes(r: Registrar): void {
  r.serve('confluence.currentUser.get', currentUser);
}
