import { SimError } from '../http/errors.ts';
import { queryString } from '../http/paginate.ts';
import type { Registrar } from '../http/serve.ts';
import type { Policy } from '../tenant/model.ts';
import { serveAdmin } from './admin-access.ts';
import { v1Page } from './admin-pages.ts';

// IP allowlist and data residency policies, Organizations REST API v1 (spec: PolicyPage, Policy,
// PolicyModel). https://developer.atlassian.com/cloud/admin/organization/rest/api-group-policies/

/**
 * The spec's only rule shape is `AllowIfContainedRule` `{in: [...]}` (IP ranges for an allowlist,
 * regions for data residency). The tenant may name the list (`ipRanges`, `regions`): its first
 * list becomes `in`.
 */
function renderRule(rule: Record<string, unknown>) {
  if (Array.isArray(rule.in)) return { in: rule.in };
  const list = Object.values(rule).find((v) => Array.isArray(v));
  return list ? { in: list } : rule;
}

function renderPolicy(policy: Policy) {
  return {
    id: policy.id,
    type: 'policy',
    attributes: {
      type: policy.type,
      name: policy.name,
      status: policy.status,
      rule: renderRule(policy.rule),
      // `applicationStatus` is required; the tenant models only settled policies.
      resources: policy.resources.map((res) => ({
        id: res.id,
        applicationStatus: 'applied',
        ...(Object.keys(res.meta).length > 0 ? { meta: res.meta } : {}),
      })),
    },
  };
}

export function policyRoutes(r: Registrar): void {
  serveAdmin(r, 'admin.policies.list', (call) => {
    const type = queryString(call.query, 'type');
    const policies = call.ctx.state.tenant.policies.filter((p) => !type || p.type === type);
    const page = v1Page(call, policies, renderPolicy);
    // PolicyPage marks `meta.next` nullable: the last page carries `null`.
    return {
      data: page.data,
      meta: { next: page.next ?? null, page_size: page.pageSize },
      links: page.links,
    };
  });

  serveAdmin(r, 'admin.policies.get', (call) => {
    const policy = call.ctx.state.tenant.policies.find((p) => p.id === call.params.policyId);
    if (!policy)
      throw new SimError(404, `Policy ${call.params.policyId} was not found.`, { code: 'ADMIN-404-5' });
    return { data: renderPolicy(policy) };
  });
}
