import { fail, pass, type RuleOutcome } from '../../outcome.ts';

// Filters and dashboards are judged alike: each one with a `global` share permission (anyone on
// the web) fails, naming its owner; the site passes when none is public.

interface Shared {
  id: string;
  name: string;
  ownerAccountId: string | null;
  sharePermissions: readonly { type: string }[];
}

export function publicShareOutcomes(
  items: readonly Shared[],
  noun: { one: string; many: string },
  users: readonly { accountId: string; displayName: string | null }[] | undefined,
  site: { cloudId: string; name: string } | undefined,
): RuleOutcome[] {
  const open = items.filter((i) => i.sharePermissions.some((s) => s.type === 'global'));
  if (open.length === 0) {
    return [
      pass(
        { type: 'site', id: site?.cloudId ?? 'site', name: site?.name ?? 'site' },
        `None of the ${items.length} ${noun.many} is shared with the public.`,
        { [noun.many]: items.length },
      ),
    ];
  }
  const names = new Map((users ?? []).map((u) => [u.accountId, u.displayName]));
  const ownerName = (id: string | null) => (id === null ? 'no owner' : `owner ${names.get(id) ?? id}`);
  return open.map((i) =>
    fail(
      { id: i.id, name: i.name },
      `${noun.one} "${i.name}" is shared with the public (${ownerName(i.ownerAccountId)}).`,
      { ownerAccountId: i.ownerAccountId, shareTypes: [...new Set(i.sharePermissions.map((s) => s.type))] },
    ),
  );
}
