import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

const DAY_MS = 86_400_000;

export const rule = defineRule({
  id: 'org_audit_log_retained',
  title: 'The org audit log is collected continuously and kept beyond Atlassian’s 180 days',
  area: 'data-protection',
  severity: 'medium',
  scope: 'org',
  resourceType: 'org',
  requires: ['org.events'],
  plan: 'guard-standard',
  credential: 'org-api-key',
  description:
    'Reads the org audit log (admin API `GET /admin/v1/orgs/{orgId}/events`), which Palisade pulls ' +
    'incrementally and keeps without a time limit. Passes when the log is readable and its newest event ' +
    'is recent (an active organization always produces events); fails when no event was ever collected or ' +
    'the newest is older than the threshold, which means collection has stalled. A forbidden read is ' +
    'unknown. Forwarding to a SIEM is not read here (Guard Detect routing is org_guard_detect_routed).',
  risk:
    'Atlassian keeps the org audit log for 180 days only: without a continuous copy, the evidence of an ' +
    'account takeover or an insider found late is gone.',
  remediation: {
    ui: [
      'Connect an org API key without scopes (the events API refuses keys with scopes, whatever they hold) and keep syncs scheduled.',
      'In admin.atlassian.com, open Security → Audit log to check events are being recorded.',
      'Also stream or export the audit log to your SIEM, so a copy exists outside Atlassian and Palisade.',
    ],
    api: ['Read new events since the last one stored: GET /admin/v1/orgs/{orgId}/events?from={epochMillis}.'],
  },
  references: [
    {
      title: 'Track organization activities from the audit log',
      url: 'https://support.atlassian.com/organization-administration/docs/track-organization-activities-from-the-audit-log/',
    },
    {
      title: 'Organizations REST API: events',
      url: 'https://developer.atlassian.com/cloud/admin/organization/rest/api-group-events/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['8.2', '8.9', '8.10'],
    'nist-800-53-r5': ['AU-2', 'AU-11', 'AU-12'],
    'iso-27001-2022': ['A.8.15', 'A.5.33'],
    soc2: ['CC7.2'],
  },
  settings: z.object({
    maxSilenceDays: z
      .number()
      .int()
      .positive()
      .default(14)
      .describe('Days without any new org audit event after which collection is considered stalled.'),
  }),
  evaluate(ctx) {
    const org = { id: ctx.org.id, name: ctx.org.name };
    const times = ctx
      .items('org.events')
      .map((e) => Date.parse(e.time))
      .filter((t) => Number.isFinite(t));
    if (times.length === 0) {
      return [fail(org, 'Palisade has not collected a single org audit event.', { events: 0 })];
    }
    const newest = Math.max(...times);
    const oldest = Math.min(...times);
    const silentDays = Math.floor((ctx.now.getTime() - newest) / DAY_MS);
    const spanDays = Math.floor((newest - oldest) / DAY_MS);
    const evidence = {
      events: times.length,
      oldest: new Date(oldest).toISOString(),
      newest: new Date(newest).toISOString(),
      spanDays,
    };
    if (silentDays > ctx.settings.maxSilenceDays) {
      return [
        fail(
          org,
          `The newest org audit event is ${silentDays} days old: collection has stalled or the log is not recording.`,
          evidence,
        ),
      ];
    }
    return [
      pass(
        org,
        `Palisade collects the org audit log (${times.length} events over ${spanDays} days, newest ${silentDays} day(s) ago) and keeps it beyond 180 days.`,
        evidence,
      ),
    ];
  },
});
