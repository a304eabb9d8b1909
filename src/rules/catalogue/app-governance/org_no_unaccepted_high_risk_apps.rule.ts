import { z } from 'zod';
import { riskAccepted } from '../../../app-risk/model/classification.ts';
import { defineAppRule } from '../../app-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import { DATA_CENTER_UNINSTALL, MANAGE_APPS_DOC } from '../data-center/upm.ts';

// Reads Palisade's app risk scores (org-wide, with manual overrides) and accepted risks: the
// governance state, an engine input.

export const rule = defineAppRule({
  id: 'org_no_unaccepted_high_risk_apps',
  title: 'No installed app scores 60 or more unless its risk is accepted and the acceptance is current',
  area: 'app-governance',
  severity: 'high',
  plan: 'any',
  credential: 'none',
  governance: true,
  dataCenter: true,
  description:
    'Palisade’s app risk score (docs/atlassian/APP-RISK.md: capability, exposure, trust and governance ' +
    'factors; a manual override replaces it) for each installed app, and each user-installed plugin of a Data ' +
    'Center instance (it runs in-process with full access). Fails at or above the threshold unless ' +
    'the app is risk-accepted with an expiry still in the future. Unknown when the app’s scopes are unreadable ' +
    '(band "unknown") and nobody accepted or overrode it.',
  risk:
    'Over-privileged or egressing apps are a supply-chain path into Jira and Confluence data: a compromised ' +
    'vendor reaches everything the app can.',
  remediation: {
    ui: [
      'Open the app’s risk explanation in Palisade and address its largest factors.',
      'Restrict it with an app access rule, ask the vendor for narrower scopes, or uninstall it.',
      DATA_CENTER_UNINSTALL.ui,
      'If the risk is needed, accept it in Palisade with a justification and an expiry.',
    ],
    api: [DATA_CENTER_UNINSTALL.api],
  },
  references: [
    {
      title: 'Data security policies: app access rules',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/block-app-access/',
    },
    MANAGE_APPS_DOC,
  ],
  compliance: {
    'cis-controls-v8': ['15.2', '2.5'],
    'nist-800-53-r5': ['SA-9', 'SR-3', 'AC-6'],
    'iso-27001-2022': ['A.5.19', 'A.5.21'],
    soc2: ['CC9.2', 'CC6.3'],
  },
  settings: z.object({
    threshold: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(60)
      .describe('The risk score from which an app must be accepted.'),
  }),
  check(i, { resource, now, settings, governance }) {
    const threshold = settings.threshold;
    const entry = governance.apps.get(i.appKey);
    if (!entry) return unknown(resource, `${i.name} has no risk score in this evaluation.`);
    const { risk, classification } = entry;
    const evidence = {
      score: risk.score,
      band: risk.band,
      overridden: risk.override !== null,
      topFactors: risk.factors
        .filter((f) => f.status === 'applied' && f.contribution > 0)
        .sort((a, b) => b.contribution - a.contribution)
        .slice(0, 3)
        .map((f) => f.id),
    };
    if (riskAccepted(classification, now)) {
      return pass(
        resource,
        `${i.name} (risk ${risk.score}) is risk-accepted until ${classification?.expiresAt}.`,
        evidence,
      );
    }
    if (risk.band === 'unknown') {
      return unknown(
        resource,
        `The risk of ${i.name} is unknown: its scopes are not readable (provisional score ${risk.score}).`,
        evidence,
      );
    }
    return risk.score >= threshold
      ? fail(
          resource,
          `${i.name} scores ${risk.score} (${risk.band}) and its risk is not accepted.`,
          evidence,
        )
      : pass(resource, `${i.name} scores ${risk.score} (${risk.band}).`, evidence);
  },
});
