import type { DatasetRecord } from '../../dataset-catalogue.ts';

/**
 * The names (from `org.users`, when read) of the accounts that own the listed tokens, by account id. Only the owners: a map of
 * every account costs more than the rules that read it (xl: 100,000 accounts).
 */
export function tokenOwnerNames(
  users: readonly DatasetRecord<'org.users'>[] | undefined,
  records: readonly { accountId: string }[],
): Map<string, string> {
  const owners = new Set(records.map((r) => r.accountId));
  const names = new Map<string, string>();
  for (const u of users ?? []) if (owners.has(u.accountId)) names.set(u.accountId, u.name);
  return names;
}
