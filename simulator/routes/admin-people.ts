import type { SimContext } from '../core/context.ts';
import type { User } from '../tenant/model.ts';

/**
 * Atlassian's initials avatar (`.../initials/AA-0.png`), the picture an account without an
 * uploaded photo gets; deterministic so tests can compare whole user records.
 */
export function avatarUrl(user: User): string {
  const initials =
    user.name
      .split(/\s+/)
      .filter((w) => w.length > 0)
      .slice(0, 2)
      .map((w) => w[0]?.toUpperCase() ?? '')
      .join('') || 'U';
  return `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/${initials}-0.png`;
}

/** Product keys and names as the admin API's `Product` enum spells them. */
export const productOf = {
  jira: { key: 'jira-software', name: 'Jira' },
  confluence: { key: 'confluence', name: 'Confluence' },
} as const;

/** The URL a product of a site answers on (Confluence under `/wiki`). */
export function productUrl(
  ctx: SimContext,
  siteId: string,
  product: 'jira' | 'confluence',
): string | undefined {
  const base = ctx.urls.sites.get(siteId);
  if (!base) return undefined;
  return product === 'confluence' ? `${base}/wiki` : base;
}

/** `Link to this User for mutation`: the user management API's resource for the account. */
export function manageLink(ctx: SimContext, accountId: string): string {
  return `${ctx.urls.api}/users/${encodeURIComponent(accountId)}/manage`;
}
