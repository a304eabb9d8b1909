import type { Call } from '../http/serve.ts';
import type { Group, User } from '../tenant/model.ts';

// Confluence REST v1 renderings of users and groups (components `User` and `Group` in
// confluence-rest-v1.swagger.v3.json), shared by the space, group and member endpoints.

/** `https://{site}/wiki` (or the 3LO `/ex/confluence/{cloudId}/wiki` prefix). */
export function wikiBase(call: Call): string {
  return `${call.baseUrl}/wiki`;
}

/** The spec's `accountType` enum is `atlassian | app | ''`: customer accounts show as ''. */
function accountType(user: User): 'atlassian' | 'app' | '' {
  return user.accountType === 'customer' ? '' : user.accountType;
}

const defaultAvatar = {
  path: '/wiki/aa-avatar/default.png',
  width: 48,
  height: 48,
  isDefault: true,
};

/** A known user as v1 shows one (`type: known`). */
export function renderV1User(call: Call, user: User) {
  return {
    type: 'known',
    accountId: user.accountId,
    accountType: accountType(user),
    email: user.email,
    publicName: user.nickname,
    profilePicture: defaultAvatar,
    displayName: user.name,
    isExternalCollaborator: false,
    _expandable: { operations: '', personalSpace: '' },
    _links: { self: `${wikiBase(call)}/rest/api/user?accountId=${encodeURIComponent(user.accountId)}` },
  };
}

/** An account id the tenant does not know (a deleted user still named in a permission). */
export function renderV1UnknownUser(call: Call, accountId: string) {
  return {
    type: 'unknown',
    accountId,
    accountType: '',
    publicName: 'Unknown user',
    displayName: 'Unknown user',
    isExternalCollaborator: false,
    _links: { self: `${wikiBase(call)}/rest/api/user?accountId=${encodeURIComponent(accountId)}` },
  };
}

export function renderV1Group(call: Call, group: Pick<Group, 'id' | 'name'>) {
  return {
    type: 'group',
    name: group.name,
    id: group.id,
    _links: { self: `${wikiBase(call)}/rest/api/group/by-id?id=${encodeURIComponent(group.id)}` },
  };
}
