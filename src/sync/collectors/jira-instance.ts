import {
  jiraApplicationProperties,
  jiraConfiguration,
  jiraLicense,
  jiraServerInfo,
} from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItem, toItems } from './normalize.ts';
import { arr, bool, num, obj, str } from './values.ts';

// Four one-document Jira reads: server info, licence, global configuration, application properties.

export function jiraServerInfoCollector(): Collector {
  return {
    dataset: jiraServerInfo.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.serverInfo.get'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraServerInfo.name);
      const s = obj(await ctx.api.call('jira.serverInfo.get', { site }));
      yield {
        items: [
          toItem(jiraServerInfo, {
            baseUrl: str(s.baseUrl) ?? site.url,
            version: str(s.version),
            buildNumber: num(s.buildNumber),
            deploymentType: str(s.deploymentType),
            serverTitle: str(s.serverTitle),
          }),
        ],
        checkpoint: null,
      };
    },
  };
}

export function jiraLicenseCollector(): Collector {
  return {
    dataset: jiraLicense.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.license.get'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraLicense.name);
      const body = obj(await ctx.api.call('jira.license.get', { site }));
      const apps = arr(body.applications).map((a) => ({
        applicationId: str(obj(a).id),
        plan: str(obj(a).plan),
      }));
      yield { items: toItems(jiraLicense, apps), checkpoint: null };
    },
  };
}

export function jiraConfigurationCollector(): Collector {
  return {
    dataset: jiraConfiguration.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.configuration.get'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraConfiguration.name);
      const c = obj(await ctx.api.call('jira.configuration.get', { site }));
      yield {
        items: [
          toItem(jiraConfiguration, {
            votingEnabled: bool(c.votingEnabled),
            watchingEnabled: bool(c.watchingEnabled),
            unassignedIssuesAllowed: bool(c.unassignedIssuesAllowed),
            subTasksEnabled: bool(c.subTasksEnabled),
            issueLinkingEnabled: bool(c.issueLinkingEnabled),
            timeTrackingEnabled: bool(c.timeTrackingEnabled),
            attachmentsEnabled: bool(c.attachmentsEnabled),
          }),
        ],
        checkpoint: null,
      };
    },
  };
}

export function jiraApplicationPropertiesCollector(): Collector {
  return {
    dataset: jiraApplicationProperties.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.applicationProperties.list'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraApplicationProperties.name);
      const body = await ctx.api.call('jira.applicationProperties.list', { site });
      const props = arr(body).map((raw) => {
        const p = obj(raw);
        return {
          key: str(p.key) ?? str(p.id),
          value: str(p.value),
          name: str(p.name),
          type: str(p.type),
          defaultValue: str(p.defaultValue),
        };
      });
      yield { items: toItems(jiraApplicationProperties, props), checkpoint: null };
    },
  };
}
