import { dcAuditSettings } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { dataCenterProductOf, notExposed, optionalRead, periodDays } from './dc-sources.ts';
import { toItem } from './normalize.ts';

// The audit log's coverage and retention (atlassian-audit, Jira 8.8+ and Confluence 7.5+:
// https://developer.atlassian.com/server/framework/atlassian-sdk/rest/api-group-configuration/).
// The resource is gone (404) on older versions and when the audit plugin is disabled: no record,
// partial — dc.plugins shows which.

const LEVELS = ['OFF', 'BASE', 'ADVANCED', 'FULL'];

/** The lowest level any area records (an unknown level word counts as the lowest). */
function lowest(levels: readonly string[]): string {
  if (levels.length === 0) return 'OFF';
  return levels.reduce((low, l) => (LEVELS.indexOf(l) < LEVELS.indexOf(low) ? l : low));
}

export const collector = defineCollector({
  dataset: dcAuditSettings,
  // Coverage, then retention; where the coverage is gone (404) nothing more is asked.
  cost: ({ records }) => (records.length > 0 ? 2 : 1),
  async *collect(ctx) {
    const site = requireSite(ctx, dcAuditSettings.name);
    const product = dataCenterProductOf(site, dcAuditSettings.name);
    const coverage = await optionalRead(() => ctx.api.call('dc.audit.coverage.get', { site }));
    if (!coverage) {
      yield {
        items: [],
        checkpoint: null,
        partial: notExposed(
          'The audit configuration (atlassian-audit disabled, or a version before Jira 8.8 / Confluence 7.5)',
          'an enabled audit plugin, or an attestation of the audit log settings',
        ),
      };
      return;
    }
    const retention = await optionalRead(() => ctx.api.call('dc.audit.retention.get', { site }));
    const areas = Object.entries(coverage.levelByArea)
      .map(([area, level]) => ({ area, level: String(level) }))
      .sort((a, b) => a.area.localeCompare(b.area));
    const item = toItem(dcAuditSettings, {
      product,
      coverageLevel: lowest(areas.map((a) => a.level)),
      areas,
      retentionDays: retention ? periodDays(retention.period) : null,
    });
    yield { items: [item], checkpoint: null };
  },
});
