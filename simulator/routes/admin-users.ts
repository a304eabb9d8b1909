import type { SimContext } from '../core/context.ts';
import type { Registrar } from '../http/serve.ts';
import type { User } from '../tenant/model.ts';
import { serveAdmin } from './admin-access.ts';
import { v1Page } from './admin-pages.ts';
import { avatarUrl, manageLink, productOf, productUrl } from './admin-people.ts';

// GET /admin/v1/orgs/{orgId}/users: "Returns a list of users in an organization" — in practice the
// org's managed accounts (Atlassian accounts claimed through a verified domain), never external,
// customer or app accounts. https://developer.atlassian.com/cloud/admin/organization/rest/api-group-users/

/** Accounts the v1 users list shows: Atlassian accounts the org manages. */
export function isManagedAccount(user: User): boolean {
  return user.accountType === 'atlassian' && user.claimStatus === 'managed';
}

function renderUser(ctx: SimContext, user: User) {
  const productAccess = user.productAccess.map((access) => {
    const url = productUrl(ctx, access.siteId, access.product);
    return {
      ...productOf[access.product],
      ...(url ? { url } : {}),
      ...(access.lastActive ? { last_active: access.lastActive } : {}),
    };
  });
  return {
    account_id: user.accountId,
    account_type: user.accountType,
    account_status: user.accountStatus,
    name: user.name,
    picture: avatarUrl(user),
    email: user.email,
    // Billable in Atlassian Access/Guard: an active account using at least one product.
    access_billable: user.accountStatus === 'active' && user.productAccess.length > 0,
    ...(user.lastActive ? { last_active: user.lastActive } : {}),
    product_access: productAccess,
    links: { self: manageLink(ctx, user.accountId) },
  };
}

export function userRoutes(r: Registrar): void {
  serveAdmin(r, 'admin.users.list', (call) => {
    const managed = call.ctx.state.tenant.users.filter(isManagedAccount);
    const page = v1Page(call, managed, (u) => renderUser(call.ctx, u));
    return { data: page.data, meta: { total: managed.length }, links: page.links };
  });
}
