// Jira fields: the system fields, the site's own custom fields, and fields contributed by apps
// (Connect `…atlassian-connect-plugin:<appkey>__<field>` and Forge `ari:cloud:ecosystem::extension/…`).
import type { Random } from '../core/random.ts';
import { slugify } from './gen-util.ts';
import type { App, JiraField, JiraSite } from './model.ts';

const SYSTEM: [string, string, string][] = [
  ['summary', 'Summary', 'string'],
  ['description', 'Description', 'string'],
  ['issuetype', 'Issue Type', 'issuetype'],
  ['project', 'Project', 'project'],
  ['status', 'Status', 'status'],
  ['priority', 'Priority', 'priority'],
  ['resolution', 'Resolution', 'resolution'],
  ['assignee', 'Assignee', 'user'],
  ['reporter', 'Reporter', 'user'],
  ['creator', 'Creator', 'user'],
  ['labels', 'Labels', 'array'],
  ['components', 'Components', 'array'],
  ['fixVersions', 'Fix versions', 'array'],
  ['versions', 'Affects versions', 'array'],
  ['duedate', 'Due date', 'date'],
  ['created', 'Created', 'datetime'],
  ['updated', 'Updated', 'datetime'],
  ['resolutiondate', 'Resolved', 'datetime'],
  ['environment', 'Environment', 'string'],
  ['attachment', 'Attachment', 'array'],
  ['comment', 'Comment', 'comments-page'],
  ['worklog', 'Log Work', 'array'],
  ['timetracking', 'Time tracking', 'timetracking'],
  ['security', 'Security Level', 'securitylevel'],
  ['watches', 'Watchers', 'watches'],
  ['votes', 'Votes', 'votes'],
  ['parent', 'Parent', 'issuelink'],
];

const CUSTOM_TYPES: [string, string, string][] = [
  ['textfield', 'string', 'Customer reference'],
  ['select', 'option', 'Severity'],
  ['multiselect', 'array', 'Affected teams'],
  ['userpicker', 'user', 'Reviewer'],
  ['datepicker', 'date', 'Target date'],
  ['float', 'number', 'Story points'],
  ['labels', 'array', 'Tags'],
  ['textarea', 'string', 'Acceptance criteria'],
  ['url', 'string', 'Design link'],
  ['multiuserpicker', 'array', 'Stakeholders'],
];

export function systemFields(): JiraField[] {
  return SYSTEM.map(([id, name, schemaType]) => ({ id, name, custom: false, schemaType }));
}

export function customFields(rng: Random, count: number, firstId: number): JiraField[] {
  const used = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const [type, schemaType, label] = rng.pick(CUSTOM_TYPES);
    const n = (used.get(label) ?? 0) + 1;
    used.set(label, n);
    return {
      id: `customfield_${firstId + i}`,
      name: n === 1 ? label : `${label} ${n}`,
      custom: true,
      schemaType,
      customType: `com.atlassian.jira.plugin.system.customfieldtypes:${type}`,
    };
  });
}

export function nextCustomFieldId(jira: JiraSite): number {
  let max = 10_000 - 1;
  for (const f of jira.fields) {
    const n = f.id.startsWith('customfield_') ? Number(f.id.slice('customfield_'.length)) : Number.NaN;
    if (Number.isFinite(n)) max = Math.max(max, n);
  }
  return max + 1;
}

/** Adds the custom field an installed Connect or Forge app contributes to a Jira site. */
export function addAppField(jira: JiraSite, app: App, rng: Random): void {
  if (app.framework === 'system') return;
  const fieldKey = `${slugify(app.name).slice(0, 24)}-field`;
  const customType =
    app.framework === 'connect'
      ? `com.atlassian.plugins.atlassian-connect-plugin:${app.key}__${fieldKey}`
      : `ari:cloud:ecosystem::extension/${app.appId ?? rng.uuid()}/${rng.uuid()}/static/${fieldKey}`;
  const name = `${app.name} (app field)`;
  if (jira.fields.some((f) => f.name === name)) return;
  jira.fields.push({
    id: `customfield_${nextCustomFieldId(jira)}`,
    name,
    custom: true,
    schemaType: 'string',
    customType,
  });
}
