import { createHash } from 'node:crypto';
import { compareNames } from '../core/collate.ts';
import type { Call } from '../http/serve.ts';
import type { Group, Project, User } from '../tenant/model.ts';
import type { Viewer } from './jira-viewer.ts';

// Shared Jira representations: users in their three spec shapes (User, UserDetails, UserBean),
// group names, project summaries, avatars and Jira's timestamp format.

export const api = (call: Call, path: string) => `${call.baseUrl}/rest/api/3${path}`;

/**
 * The site's own URL, for browser links and server info: under 3LO, REST links use the
 * `api.atlassian.com/ex/jira/{cloudId}` prefix but pages still live on the site.
 */
export function siteUrl(call: Call): string {
  return call.site ? (call.ctx.urls.sites.get(call.site.id) ?? call.baseUrl) : call.baseUrl;
}

/** Jira renders times as `2026-11-01T12:00:00.000+0000`. */
export function jiraTime(iso: string | number): string {
  return new Date(iso).toISOString().replace('Z', '+0000');
}

const AVATAR_HOST = 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net';

function userAvatars(user: User): Record<string, string> {
  const initials = user.name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const tone = (createHash('sha1').update(user.accountId).digest()[0] ?? 0) % 6;
  const url = (size: number) => `${AVATAR_HOST}/initials/${initials}-${tone}.png?size=${size}&s=${size}`;
  return { '48x48': url(48), '24x24': url(24), '16x16': url(16), '32x32': url(32) };
}

export function projectAvatars(call: Call, project: Project): Record<string, string> {
  const url = (size: string) =>
    `${api(call, '/universal_avatar/view/type/project/avatar/10400')}?size=${size}&pid=${project.id}`;
  return { '48x48': url('large'), '24x24': url('small'), '16x16': url('xsmall'), '32x32': url('medium') };
}

/**
 * Profile visibility: e-mail addresses show to the person themselves and to Jira administrators
 * (the default "only you and admins"); app accounts never show one. Time zones are hidden from
 * the anonymous user. https://developer.atlassian.com/cloud/jira/platform/profile-visibility/
 */
function privateFields(v: Viewer, user: User): Record<string, string> {
  const fields: Record<string, string> = {};
  const self = v.user?.accountId === user.accountId;
  if (user.accountType !== 'app' && (self || v.admin)) fields.emailAddress = user.email;
  if (v.user) fields.timeZone = user.timeZone;
  return fields;
}

/** The spec's `User` (`/myself`, `/users/search`, owners) without the expandable lists. */
export function userJson(call: Call, v: Viewer, user: User): Record<string, unknown> {
  return {
    self: api(call, `/user?accountId=${encodeURIComponent(user.accountId)}`),
    accountId: user.accountId,
    accountType: user.accountType,
    ...privateFields(v, user),
    avatarUrls: userAvatars(user),
    displayName: user.name,
    active: user.accountStatus === 'active',
  };
}

/** The spec's `UserBean` (dashboard owners, user shares): no account type, no e-mail. */
export function userBeanJson(call: Call, user: User): Record<string, unknown> {
  return {
    self: api(call, `/user?accountId=${encodeURIComponent(user.accountId)}`),
    accountId: user.accountId,
    displayName: user.name,
    active: user.accountStatus === 'active',
    avatarUrls: userAvatars(user),
  };
}

export function groupNameJson(call: Call, group: Group): Record<string, unknown> {
  return { name: group.name, groupId: group.id, self: api(call, `/group?groupId=${group.id}`) };
}

/** The project summary Jira nests in share permissions and scheme scopes. */
export function projectSummaryJson(call: Call, project: Project): Record<string, unknown> {
  return {
    self: api(call, `/project/${project.id}`),
    id: project.id,
    key: project.key,
    name: project.name,
    avatarUrls: projectAvatars(call, project),
    projectTypeKey: project.projectTypeKey,
    simplified: project.simplified,
    style: project.simplified ? 'next-gen' : 'classic',
    isPrivate: project.isPrivate,
  };
}

export function sortByName<T extends { name: string }>(items: readonly T[]): T[] {
  const tie = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...items].sort((a, b) => compareNames(a.name, b.name) || tie(a.name, b.name));
}
