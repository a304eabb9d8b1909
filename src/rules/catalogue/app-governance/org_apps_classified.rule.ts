import { z } from 'zod';
import { defineAppRule } from '../../app-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import { DATA_CENTER_UNINSTALL, MANAGE_APPS_DOC } from '../data-center/upm.ts';

// Reads Palisade's own app classifications (the governance state, an engine input).

const DAY = 86_400_000;

export const rule = defineAppRule({
  id: 'org_apps_classified',
  title: 'Every installed app is classified, and none stays unreviewed for more than 14 days',
  area: 'app-governance',
  severity: 'medium',
  plan: 'any',
  credential: 'none',
  governance: true,
  dataCenter: true,
  description:
    'Palisade’s own app inventory state: each installed app (on a Data Center instance, each user-installed ' +
    'plugin) is sanctioned, risk-accepted (until an expiry) or ' +
    'unsanctioned. Fails for an app unreviewed — or waiting for re-review after its scopes, egress or version ' +
    'changed — for longer than the grace period, and for an app classified unsanctioned that is still installed.',
  risk:
    'An ungoverned inventory: nobody decided whether the apps holding the organization’s data should be there, ' +
    'and a banned app that comes back goes unnoticed.',
  remediation: {
    ui: [
      'Open Palisade’s app review queue.',
      'Classify each app: sanctioned, risk-accepted with an expiry, or unsanctioned (then uninstall or ban it).',
      DATA_CENTER_UNINSTALL.ui,
    ],
    api: [DATA_CENTER_UNINSTALL.api],
  },
  references: [
    {
      title: 'Install and manage app access',
      url: 'https://support.atlassian.com/organization-administration/docs/installing-and-managing-app-access/',
    },
    MANAGE_APPS_DOC,
  ],
  compliance: {
    'cis-controls-v8': ['2.1', '2.3'],
    'nist-800-53-r5': ['CM-8', 'CM-11'],
    'iso-27001-2022': ['A.5.9', 'A.8.19'],
    soc2: ['CC8.1', 'CC9.2'],
  },
  settings: z.object({
    maxUnreviewedDays: z
      .number()
      .int()
      .min(0)
      .default(14)
      .describe('Days an app may wait for its (re-)review before it fails.'),
  }),
  check(i, { resource, now, settings, governance }) {
    const limit = settings.maxUnreviewedDays;
    const c = governance.apps.get(i.appKey)?.classification;
    if (!c) return unknown(resource, `${i.name} has no classification record yet.`);
    const evidence = { state: c.state, since: c.decidedAt ?? c.firstSeenAt, decidedBy: c.decidedBy };
    const waiting = (since: string, what: string) => {
      // Not below zero: a stored snapshot judged at its own time may predate the record.
      const days = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / DAY));
      return days > limit
        ? fail(resource, `${i.name} has been ${what} for ${days} days (limit ${limit}).`, {
            ...evidence,
            days,
          })
        : pass(resource, `${i.name} is ${what} (${days} of ${limit} days).`, { ...evidence, days });
    };
    switch (c.state) {
      case 'unreviewed':
        return waiting(c.firstSeenAt, 'unreviewed');
      case 're-review':
        return waiting(c.reviewReason?.at ?? c.updatedAt, 'waiting for re-review');
      case 'unsanctioned':
        return fail(resource, `${i.name} is classified unsanctioned but is still installed.`, evidence);
      case 'risk-accepted':
        return pass(resource, `${i.name} is risk-accepted until ${c.expiresAt}.`, {
          ...evidence,
          expiresAt: c.expiresAt,
        });
      default:
        return pass(resource, `${i.name} is sanctioned.`, evidence);
    }
  },
});
