import { describeChanges } from '../../../app-risk/model/fingerprint.ts';
import { defineAppRule } from '../../app-rule.ts';
import { fail, notApplicable, pass, unknown } from '../../outcome.ts';

// Reads Palisade's own state (the fingerprint an admin approved): the governance state, an engine
// input.

export const rule = defineAppRule({
  id: 'app_permissions_changed',
  title: 'No approved app has changed its scopes, egress or version since it was approved',
  area: 'apps',
  severity: 'medium',
  plan: 'any',
  credential: 'none',
  governance: true,
  description:
    'For each installed app that someone sanctioned or risk-accepted in Palisade, compares its scopes, egress ' +
    'domains and versions now with the fingerprint recorded at approval. Fails on any difference (the app is ' +
    'moved to "re-review" automatically); not applicable to apps never approved. A part that cannot be read ' +
    'now (scopes of an unlisted app, during a Marketplace outage) makes the result unknown.',
  risk:
    'Privilege creep: an update that asks for more scopes or sends data somewhere new silently outgrows the ' +
    'approval it was given.',
  remediation: {
    ui: [
      'Open the app in Palisade’s review queue and compare the changes with what was approved.',
      'Approve the new fingerprint (sanctioned or risk-accepted), or restrict or uninstall the app.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Manage app updates that need approval',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/manage-your-apps/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['2.1', '4.1'],
    'nist-800-53-r5': ['CM-2', 'CM-8', 'SA-9'],
    'iso-27001-2022': ['A.8.9', 'A.5.22'],
    soc2: ['CC8.1', 'CC9.2'],
  },
  check(i, { resource, governance }) {
    const entry = governance.apps.get(i.appKey);
    const approved = entry?.classification?.approvedFingerprint;
    if (!entry || !approved) {
      return notApplicable(resource, `${i.name} was never approved: there is nothing to compare with.`);
    }
    if (entry.changes.length > 0) {
      return fail(resource, `${i.name} changed since it was approved: ${describeChanges(entry.changes)}.`, {
        changes: entry.changes.map((c) => ({ field: c.field, added: c.added, removed: c.removed })),
        state: entry.classification?.state ?? null,
      });
    }
    const blind = [
      ...(approved.scopes !== null && entry.fingerprint.scopes === null ? ['scopes'] : []),
      ...(approved.egress !== null && entry.fingerprint.egress === null ? ['egress'] : []),
    ];
    if (blind.length > 0) {
      return unknown(
        resource,
        `The ${blind.join(' and ')} of ${i.name} cannot be read now to compare with the approval.`,
      );
    }
    return pass(resource, `${i.name} is as it was approved.`, {
      approvedAt: entry.classification?.decidedAt ?? null,
    });
  },
});
