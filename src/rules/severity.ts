// The fixed severity scale (CHECKS.md "Sev"). Weights for the posture score live with the score
// (src/findings/posture-score.ts) so that changing the formula is one file and one doc.

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Most severe first: for sorting results and baseline sections. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
