import { SimError } from '../http/errors.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { DcSite } from '../tenant/data-center-model.ts';
import { dcSiteOf, requireDcAdmin } from './dc-access.ts';

// What both Data Center products serve alike: the audit configuration of atlassian-audit
// (Jira 8.8+, Confluence 7.5+; https://developer.atlassian.com/server/framework/atlassian-sdk/rest/api-group-configuration/)
// and the application links (/rest/applinks/1.0).

const AUDIT_PLUGIN = 'com.atlassian.audit.atlassian-audit-plugin';

/** With the audit plugin disabled its REST resource is gone: 404, like any unknown path. */
function auditSite(call: Call): DcSite {
  const site = dcSiteOf(call);
  const plugin = site.plugins.find((p) => p.key === AUDIT_PLUGIN);
  if (plugin && !plugin.enabled) throw new SimError(404, 'Not Found');
  return site;
}

function applinks(call: Call) {
  return {
    list: dcSiteOf(call).appLinks.map((l) => ({
      application: {
        id: l.id,
        typeId: l.typeId,
        name: l.name,
        displayUrl: l.displayUrl,
        rpcUrl: l.rpcUrl,
        isPrimary: l.primary,
        isSystem: l.system,
      },
      configuredOutboundAuthenticators: l.outbound,
      configuredInboundAuthenticators: l.inbound,
      hasIncoming: l.inbound.length > 0,
      hasOutgoing: l.outbound.length > 0,
    })),
  };
}

export function dcSharedRoutes(r: Registrar): void {
  const authorize = requireDcAdmin;
  r.serve('dc.audit.coverage.get', (call) => ({ levelByArea: auditSite(call).audit.levelByArea }), {
    authorize,
  });
  r.serve('dc.audit.retention.get', (call) => ({ period: auditSite(call).audit.retention }), { authorize });
  r.serve('dc.applinks.list', applinks, { authorize });
}
