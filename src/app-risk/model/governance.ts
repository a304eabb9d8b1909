import type { AppRecord } from './app.ts';
import { type AppClassification, type AutomaticChange, reconcile } from './classification.ts';
import {
  type AppFingerprint,
  diffFingerprints,
  type FingerprintChange,
  fingerprintOf,
} from './fingerprint.ts';
import { type AppRisk, type ScoreOverride, scoreApp } from './score.ts';
import type { RiskWeights } from './weights.ts';

// Palisade's own state about each app — what the organization decided (classification, score
// override) applied to the apps of one snapshot — as the rule engine takes it, with the policies,
// next to the snapshot and the attestations (src/rules/app-governance.ts). Pure: the services
// (../govern.ts) read the records from the store and write back what the reconciliation moved.

export interface AppGovernanceEntry {
  /** The app across the organization's sites. */
  app: AppRecord;
  classification: AppClassification | undefined;
  /** Scored org-wide, with the manual override applied. */
  risk: AppRisk;
  /** The app's fingerprint now. */
  fingerprint: AppFingerprint;
  /** Differences from the approved fingerprint (empty when none or never approved). */
  changes: FingerprintChange[];
  /** The organization banned this app (src/app-risk/actions/bans.ts): it must not be installed. */
  ban: AppBan | undefined;
}

/** A ban on the deny-list, as the rules and the CLI show it. */
export interface AppBan {
  reason: string;
  bannedBy: string;
  bannedAt: string;
}

/** What the organization recorded about its apps. */
export interface GovernanceRecords {
  /** By app key, reconciled with the inventory (see `reconcileAll`). */
  classifications: ReadonlyMap<string, AppClassification>;
  overrides: ReadonlyMap<string, ScoreOverride>;
  /** The deny-list, by the key the ban names (UPM key, Forge app id or `forge:<id>`). */
  bans?: ReadonlyMap<string, AppBan>;
}

export interface PendingChange {
  previous: AppClassification | undefined;
  next: AppClassification;
  change: AutomaticChange;
}

/**
 * Every app's classification after this snapshot: new apps recorded unreviewed; approved apps
 * whose scopes, egress or version changed, or whose acceptance expired, moved to re-review.
 * `pending` lists the automatic steps, for the store and the audit log.
 */
export function reconcileAll(
  inventory: readonly AppRecord[],
  stored: ReadonlyMap<string, AppClassification>,
  context: { connectionId: string; now: Date },
): { classifications: Map<string, AppClassification>; pending: PendingChange[] } {
  const classifications = new Map<string, AppClassification>();
  const pending: PendingChange[] = [];
  for (const app of inventory) {
    const previous = stored.get(app.appKey);
    const { next, change } = reconcile(previous, {
      connectionId: context.connectionId,
      appKey: app.appKey,
      fingerprint: fingerprintOf(app),
      now: context.now,
    });
    classifications.set(app.appKey, next);
    if (change) pending.push({ previous, next, change });
  }
  return { classifications, pending };
}

/** The governance state of an inventory's apps, by app key: each scored and compared with what was approved. */
export function governedApps(
  inventory: readonly AppRecord[],
  records: GovernanceRecords,
  options: { now: Date; weights?: RiskWeights | undefined },
): Map<string, AppGovernanceEntry> {
  const apps = new Map<string, AppGovernanceEntry>();
  for (const app of inventory) {
    const classification = records.classifications.get(app.appKey);
    const fingerprint = fingerprintOf(app);
    const approved = classification?.approvedFingerprint;
    apps.set(app.appKey, {
      app,
      classification,
      risk: scoreApp(app, {
        now: options.now,
        override: records.overrides.get(app.appKey),
        ...(options.weights ? { weights: options.weights } : {}),
      }),
      fingerprint,
      changes: approved ? diffFingerprints(approved, fingerprint) : [],
      ban: banOf(app, records.bans),
    });
  }
  return apps;
}

/** The ban naming the app by its key, its Forge app id or `forge:<id>` (as actions/installed-apps.ts isApp). */
function banOf(app: AppRecord, bans: ReadonlyMap<string, AppBan> | undefined): AppBan | undefined {
  if (!bans) return undefined;
  return (
    bans.get(app.appKey) ??
    (app.appId !== null ? (bans.get(app.appId) ?? bans.get(`forge:${app.appId}`)) : undefined)
  );
}
