import type { AppRecord } from '../app.ts';
import type { AppClassification } from '../classification.ts';
import { type AppGovernance, governanceOf } from '../governance.ts';
import type { AppPolicy } from '../policy.ts';
import type { ScoreOverride } from '../score.ts';
import { NOW } from './fixtures.ts';

/** The governance state the scan would give the engine, for hand-made apps and classifications. */
export function governanceState(
  apps: readonly AppRecord[],
  classifications: Readonly<Record<string, AppClassification>> = {},
  overrides: Readonly<Record<string, ScoreOverride>> = {},
  now = NOW,
  policies: readonly AppPolicy[] = [],
): AppGovernance {
  return governanceOf(
    apps,
    {
      classifications: new Map(Object.entries(classifications)),
      overrides: new Map(Object.entries(overrides)),
      policies,
    },
    { now },
  );
}
