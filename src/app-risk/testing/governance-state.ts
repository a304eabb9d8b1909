import { diffFingerprints, fingerprintOf } from '../classification/fingerprint.ts';
import type { AppClassification } from '../classification/transitions.ts';
import type { AppRecord } from '../model.ts';
import { type ScoreOverride, scoreApp } from '../risk/score.ts';
import type { AppGovernanceEntry, AppGovernanceState } from '../rule-support.ts';
import { NOW } from './fixtures.ts';

/** The governance state evaluateApps would bind, for hand-made apps and classifications. */
export function governanceState(
  apps: readonly AppRecord[],
  classifications: Readonly<Record<string, AppClassification>> = {},
  overrides: Readonly<Record<string, ScoreOverride>> = {},
  now = NOW,
): AppGovernanceState {
  const entries = new Map<string, AppGovernanceEntry>();
  for (const app of apps) {
    const classification = classifications[app.appKey];
    const fingerprint = fingerprintOf(app);
    entries.set(app.appKey, {
      classification,
      risk: scoreApp(app, { now, override: overrides[app.appKey] }),
      fingerprint,
      changes: classification?.approvedFingerprint
        ? diffFingerprints(classification.approvedFingerprint, fingerprint)
        : [],
    });
  }
  return { apps: entries };
}
