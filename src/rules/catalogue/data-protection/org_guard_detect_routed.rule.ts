import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

export const rule = defineRule({
  id: 'org_guard_detect_routed',
  title: 'Guard Detect alerts reach a SIEM or webhook, and the key detections are on',
  area: 'data-protection',
  severity: 'low',
  scope: 'org',
  resourceType: 'org',
  requires: ['attested.guard-detect'],
  plan: 'guard-premium',
  credential: 'none',
  description:
    'Attestation: Guard Detect has no API, so an org admin attests where its alerts go and which ' +
    'detections are switched on. Passes when alerts reach a SIEM or a webhook (e-mail or chat alone does ' +
    'not count) and the detections for app installs and removals, policy changes and bulk exports are on.',
  risk:
    'Posture checks cannot prevent everything; without routed detections an app install, a policy being ' +
    'loosened or a bulk export goes unnoticed until the damage is done.',
  remediation: {
    ui: [
      'In Guard Detect, open Integrations → SIEM webhook and add your SIEM or automation webhook URL.',
      'Under Detections, switch on the app, policy change and export detections, and tune exclusions rather than disabling them.',
      'Record the routing in Palisade’s attestation of Guard Detect.',
    ],
    api: null,
  },
  references: [
    {
      title: 'What is Guard Detect?',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/what-is-guard-detect/',
    },
    {
      title: 'Send alerts to your own tools',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/send-alerts-to-your-own-tools/',
    },
    {
      title: 'Manage detection alerts and their frequency',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/get-more-or-fewer-alerts/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['13.1', '8.9', '8.11'],
    'nist-800-53-r5': ['SI-4', 'AU-6'],
    'iso-27001-2022': ['A.8.16'],
    soc2: ['CC7.2'],
  },
  evaluate(ctx) {
    const org = { id: ctx.org.id, name: ctx.org.name };
    const detect = ctx.attested('attested.guard-detect').value;
    const problems: string[] = [];
    if (!detect.destinations.some((d) => d === 'siem' || d === 'webhook')) {
      const where = detect.destinations.length > 0 ? detect.destinations.join(', ') : 'nowhere';
      problems.push(`alerts go to ${where}, not a SIEM or webhook`);
    }
    const off = [
      detect.detections.appInstalledOrRemoved ? null : 'app installed or removed',
      detect.detections.policyChanged ? null : 'policy changed',
      detect.detections.bulkExport ? null : 'bulk export',
    ].filter((d): d is string => d !== null);
    if (off.length > 0) problems.push(`detections off: ${off.join(', ')}`);
    const evidence = { destinations: [...detect.destinations], detections: { ...detect.detections } };
    if (problems.length > 0) return [fail(org, `Guard Detect: ${problems.join('; ')}.`, evidence)];
    return [
      pass(
        org,
        `Guard Detect alerts reach ${detect.destinations.join(', ')} with the key detections on.`,
        evidence,
      ),
    ];
  },
});
