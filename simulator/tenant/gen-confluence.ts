// One Confluence site: spaces and their permissions (v2 `{key, targetType}` operations granted to
// users and groups). Open spaces are readable by the product-access group; restricted spaces only
// by a team; administration stays with the owner and the Confluence admins.
import type { Random } from '../core/random.ts';
import { PROJECT_WORDS } from './gen-names.ts';
import type { Posture } from './gen-spec.ts';
import { isoDaysAgo, uniqueName, weighted } from './gen-util.ts';
import type { ConfluencePlan, ConfluenceSite, Group, Space, SpacePermission, User } from './model.ts';

export const OWNER_OPS = [
  'read/space',
  'administer/space',
  'export/space',
  'restrict_content/space',
  'delete/space',
  'create/page',
  'delete/page',
  'archive/page',
  'create/blogpost',
  'delete/blogpost',
  'create/comment',
  'delete/comment',
  'create/attachment',
  'delete/attachment',
];
export const MEMBER_OPS = [
  'read/space',
  'create/page',
  'delete/page',
  'archive/page',
  'create/blogpost',
  'create/comment',
  'create/attachment',
  'export/space',
];
export const READER_OPS = ['read/space', 'create/comment'];
export const EDITOR_OPS = [
  'read/space',
  'create/page',
  'create/blogpost',
  'create/comment',
  'create/attachment',
];
export const ADMIN_OPS = ['read/space', 'administer/space'];

export function op(text: string): SpacePermission['operation'] {
  const [key = 'read', targetType = 'space'] = text.split('/');
  return { key, targetType };
}

/** Hands out permission ids unique within a site. */
export class PermissionIds {
  private next = 100_000;
  id(): string {
    return String(this.next++);
  }
  static after(spaces: Space[]): PermissionIds {
    const ids = new PermissionIds();
    for (const s of spaces) for (const p of s.permissions) ids.next = Math.max(ids.next, Number(p.id) + 1);
    return ids;
  }
}

export function grantOps(
  ids: PermissionIds,
  subject: SpacePermission['subject'],
  ops: string[],
): SpacePermission[] {
  return ops.map((o) => ({ id: ids.id(), subject, operation: op(o) }));
}

export interface ConfluenceInputs {
  rng: Random;
  now: Date;
  posture: Posture;
  plan: ConfluencePlan;
  spaces: number;
  confUsers: Group;
  confAdmins: Group;
  teams: Group[];
  members: User[];
}

export function spaceKey(name: string, used: Set<string>): string {
  const letters = name.toUpperCase().replace(/[^A-Z]/g, '');
  return uniqueName(letters.slice(0, 5) || 'SPACE', used);
}

export function generateConfluence(input: ConfluenceInputs): ConfluenceSite {
  const { rng, now, teams } = input;
  const realistic = input.posture === 'realistic';
  const active = input.members.filter((u) => u.accountStatus === 'active');
  const owners = active.length > 0 ? active : input.members;
  const ids = new PermissionIds();
  const keys = new Set<string>();
  const names = new Set<string>();
  const spaces: Space[] = [];
  for (let i = 0; i < input.spaces; i++) {
    const name = uniqueName(rng.pick(PROJECT_WORDS), names, ' ');
    const type = weighted<Space['type']>(rng, [
      ['global', 85],
      ['collaboration', 10],
      ['knowledge_base', 5],
    ]);
    const owner = rng.pick(owners);
    const team = teams.length > 0 ? rng.pick(teams) : undefined;
    const restricted = team !== undefined && rng.chance(0.3);
    const permissions = [
      ...grantOps(ids, { type: 'user', accountId: owner.accountId }, OWNER_OPS),
      ...grantOps(ids, { type: 'group', groupId: input.confAdmins.id }, ADMIN_OPS),
    ];
    if (restricted && team)
      permissions.push(...grantOps(ids, { type: 'group', groupId: team.id }, MEMBER_OPS));
    else {
      permissions.push(...grantOps(ids, { type: 'group', groupId: input.confUsers.id }, EDITOR_OPS));
      if (team) permissions.push(...grantOps(ids, { type: 'group', groupId: team.id }, MEMBER_OPS));
    }
    if (realistic && rng.chance(0.01))
      permissions.push(...grantOps(ids, { type: 'anonymous' }, ['read/space']));
    if (realistic && rng.chance(0.01)) {
      permissions.push(
        ...grantOps(ids, { type: 'group', groupId: input.confUsers.id }, ['administer/space']),
      );
    }
    const created = rng.int(10, 1500);
    spaces.push({
      id: String(65_536 + i * 3),
      key: spaceKey(name, keys),
      name,
      type,
      status: rng.chance(0.05) ? 'archived' : 'current',
      authorId: owner.accountId,
      createdAt: isoDaysAgo(now, created),
      homepageId: String(1_000_000 + i * 7),
      description: `${name} space`,
      permissions,
    });
  }
  return { plan: input.plan, spaces, anonymousOperations: [], audit: [] };
}
