import type { DatasetRecord } from '../../dataset-catalogue.ts';

// Hand-written `confluence.spaces` records for the Confluence rule tests.

export type Space = DatasetRecord<'confluence.spaces'>;
export type SpacePermission = Space['permissions'][number];

/** One permission: `op` is `operation/targetType`; `who` a group name, an account id, or none. */
export function grant(
  op: string,
  subjectType: SpacePermission['subjectType'],
  who: string | null = null,
): SpacePermission {
  const [operation = 'read', targetType = 'space'] = op.split('/');
  return {
    operation,
    targetType,
    subjectType,
    accountId: subjectType === 'user' ? who : null,
    groupId: subjectType === 'group' && who !== null ? `gid-${who}` : null,
    groupName: subjectType === 'group' ? who : null,
  };
}

export function space(key: string, permissions: SpacePermission[], name = key): Space {
  return {
    id: `id-${key}`,
    key,
    name,
    type: 'global',
    status: 'current',
    anonymousAccess: permissions.some((p) => p.subjectType === 'anonymous'),
    unlicensedAccess: permissions.some((p) => p.subjectType === 'unlicensed'),
    permissions,
  };
}

/** A `confluence.groups` record, with the id `grant` gives group subjects. */
export function accessGroup(
  name: string,
  ...accessTypes: ('site-admin' | 'admin' | 'user')[]
): DatasetRecord<'confluence.groups'> {
  return { groupId: `gid-${name}`, name, accessTypes };
}
