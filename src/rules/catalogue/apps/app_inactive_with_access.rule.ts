import { z } from 'zod';
import { capabilityRank, topCapability } from '../../../app-risk/model/scopes.ts';
import { activityState } from '../../../app-risk/model/score.ts';
import { defineAppRule } from '../../app-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineAppRule({
  id: 'app_inactive_with_access',
  title: 'No app stays installed unused for more than 90 days',
  area: 'apps',
  severity: 'low',
  plan: 'any',
  credential: 'site-admin',
  description:
    'For each installed app, finds the newest sign of use: its app account’s last activity (org directory) or ' +
    'an audit record it authored; a disabled app counts from when it was disabled. Fails beyond the threshold; ' +
    'the failure is raised to High (evidence `severity`) when the app can write or administer. Unknown when no ' +
    'source records the app’s activity.',
  risk: 'An unused app’s access is pure risk: nobody would notice it being abused, and nobody needs it.',
  remediation: {
    ui: ['Confirm with the installer that nobody uses the app.', 'Uninstall it (Apps → Manage apps).'],
    api: ['DELETE /rest/plugins/1.0/{appKey}-key (UPM) uninstalls a Connect app.'],
  },
  references: [
    {
      title: 'Manage your apps',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/manage-your-apps/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['2.3', '5.3'],
    'nist-800-53-r5': ['CM-7', 'AC-2(3)'],
    'iso-27001-2022': ['A.5.18', 'A.8.19'],
    soc2: ['CC6.2', 'CC6.8'],
  },
  settings: z.object({
    inactiveDays: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe('Days without activity before an app is unused.'),
  }),
  check(i, { resource, now, settings }) {
    const days = settings.inactiveDays;
    const state = activityState(i, now, days);
    const evidence = {
      lastActivity: i.lastActivity?.at ?? null,
      activitySource: i.lastActivity?.source ?? null,
      enabled: i.enabled,
      disabledSince: i.disabledSince,
    };
    if (state === 'active') return pass(resource, `${i.name} was active on ${i.lastActivity?.at}.`, evidence);
    if (state === 'unknown') {
      return unknown(
        resource,
        `Whether ${i.name} is still used is unknown: no source records its activity.`,
        evidence,
      );
    }
    const top = i.scopesSource === null ? undefined : topCapability(i.scopes);
    const privileged = top !== undefined && capabilityRank(top) >= capabilityRank('write');
    const since = i.lastActivity ? `last active ${i.lastActivity.at}` : `disabled since ${i.disabledSince}`;
    return fail(resource, `${i.name} has not been used for more than ${days} days (${since}).`, {
      ...evidence,
      capability: top ?? null,
      severity: privileged ? 'high' : 'low',
    });
  },
});
