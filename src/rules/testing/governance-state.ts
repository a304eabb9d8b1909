import type { AppRecord } from '../../app-risk/model/app.ts';
import type { AppClassification } from '../../app-risk/model/classification.ts';
import type { AppBan } from '../../app-risk/model/governance.ts';
import { governedApps } from '../../app-risk/model/governance.ts';
import type { ScoreOverride } from '../../app-risk/model/score.ts';
import { NOW } from '../../app-risk/model/testing/fixtures.ts';
import type { AppGovernance } from '../app-governance.ts';
import type { AppPolicy } from '../app-policy.ts';

/** The governance state the scan would give the engine, for hand-made apps and classifications. */
export function governanceState(
  apps: readonly AppRecord[],
  classifications: Readonly<Record<string, AppClassification>> = {},
  overrides: Readonly<Record<string, ScoreOverride>> = {},
  now = NOW,
  policies: readonly AppPolicy[] = [],
  bans: Readonly<Record<string, AppBan>> = {},
): AppGovernance {
  return {
    apps: governedApps(
      apps,
      {
        classifications: new Map(Object.entries(classifications)),
        overrides: new Map(Object.entries(overrides)),
        bans: new Map(Object.entries(bans)),
      },
      { now },
    ),
    policies,
  };
}
