import { SimError } from '../http/errors.ts';
import { queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { ApplicationProperty } from '../tenant/model.ts';
import { jiraProductKeys } from './jira-grants.ts';
import { jiraTime, siteUrl } from './jira-render.ts';
import { requireJiraAccess, requireJiraAdmin, viewerOf } from './jira-viewer.ts';

// Instance-wide reads: server info, the cloud id helper, global settings, licence, and
// application properties.

const BUILD = { version: '1001.0.0-SNAPSHOT', versionNumbers: [1001, 0, 0], buildNumber: 100285 };
const BUILD_DATE = '2026-10-28T09:14:02.000Z';

function serverInfo(call: Call) {
  const v = viewerOf(call);
  // Server info reports the site's own URL even when read through api.atlassian.com/ex/jira.
  const base = siteUrl(call);
  return {
    baseUrl: base,
    displayUrl: base,
    ...(v.site.confluence ? { displayUrlConfluence: `${base}/wiki` } : {}),
    version: BUILD.version,
    versionNumbers: BUILD.versionNumbers,
    deploymentType: 'Cloud',
    buildNumber: BUILD.buildNumber,
    buildDate: jiraTime(BUILD_DATE),
    serverTime: jiraTime(call.now),
    scmInfo: '4f2a1c3e9b7d6a5f8e0c1b2a3d4e5f6a7b8c9d0e',
    serverTitle: v.site.title,
    serverTimeZone: 'Etc/UTC',
  };
}

function configuration(call: Call) {
  const v = viewerOf(call);
  requireJiraAccess(v);
  const prop = v.jira.applicationProperties.find((p) => p.key === 'jira.option.allowunassigned');
  return {
    votingEnabled: v.jira.configuration.votingEnabled,
    watchingEnabled: v.jira.configuration.watchingEnabled,
    unassignedIssuesAllowed: prop ? prop.value === 'true' : false,
    subTasksEnabled: true,
    issueLinkingEnabled: true,
    timeTrackingEnabled: true,
    attachmentsEnabled: v.jira.configuration.attachmentsEnabled,
    timeTrackingConfiguration: {
      workingHoursPerDay: 8,
      workingDaysPerWeek: 5,
      timeFormat: 'pretty',
      defaultUnit: 'minute',
    },
  };
}

/** `{applications:[{id, plan}]}`: one entry per Jira product on the site (spec `License`). */
function license(call: Call) {
  const v = viewerOf(call);
  const plan = v.jira.plan === 'FREE' ? 'FREE' : 'PAID';
  return { applications: jiraProductKeys(v.site).map((id) => ({ id, plan })) };
}

function propertyJson(p: ApplicationProperty) {
  return {
    id: p.id,
    key: p.key,
    value: p.value,
    name: p.name,
    desc: p.desc,
    type: p.type,
    defaultValue: p.defaultValue,
  };
}

/**
 * With `key`, one property as an object (not an array), as the operation's description says;
 * otherwise every property, optionally filtered by the `keyFilter` regular expression.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jira-settings/#api-rest-api-3-application-properties-get
 */
function applicationProperties(call: Call) {
  const v = viewerOf(call);
  requireJiraAdmin(v);
  const key = queryString(call.query, 'key');
  if (key !== undefined && key !== '') {
    const found = v.jira.applicationProperties.find((p) => p.key === key);
    if (!found) throw new SimError(404, `Property with key '${key}' does not exist.`);
    return propertyJson(found);
  }
  const filter = queryString(call.query, 'keyFilter');
  let pattern: RegExp | undefined;
  if (filter) {
    try {
      pattern = new RegExp(`^(?:${filter})$`);
    } catch {
      throw new SimError(400, `The keyFilter '${filter}' is not a valid regular expression.`);
    }
  }
  return v.jira.applicationProperties.filter((p) => !pattern || pattern.test(p.key)).map(propertyJson);
}

export function jiraInstanceRoutes(r: Registrar): void {
  r.serve('jira.serverInfo.get', serverInfo);
  r.serve('site.tenantInfo.get', (call) => {
    if (!call.site) throw new SimError(404, 'Not found');
    return { cloudId: call.site.id };
  });
  r.serve('jira.configuration.get', configuration);
  r.serve('jira.license.get', license);
  r.serve('jira.applicationProperties.list', applicationProperties);
}
