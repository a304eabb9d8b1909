import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AppGovernance } from '../rules/app-governance.ts';
import { listBans } from './actions/bans.ts';
import { applyAutomaticChange, listClassifications } from './classification/repository.ts';
import type { AppRecord } from './model/app.ts';
import { governedApps, reconcileAll } from './model/governance.ts';
import type { RiskWeights } from './model/weights.ts';
import { listPolicies } from './policy/repository.ts';
import { listScoreOverrides } from './risk/overrides.ts';

// The governance state of one snapshot's apps, from what the organization recorded: classifications
// reconciled with what is installed now (new apps recorded unreviewed; approved apps whose scopes,
// egress or version changed, or whose acceptance expired, moved to re-review and audited as
// `system:app-risk`), risk scored with the manual overrides, and the enabled policies. The rule
// engine takes the result as an input (src/scan/assess.ts), like the attestations.

export interface GovernOptions {
  now: Date;
  /** Store the automatic steps of the reconciliation; false: compute only, write nothing. */
  persist: boolean;
  weights?: RiskWeights | undefined;
}

export async function loadGovernance(
  db: Kysely<Database>,
  connectionId: string,
  inventory: readonly AppRecord[],
  options: GovernOptions,
): Promise<AppGovernance> {
  const { now } = options;
  const [stored, overrides, policyList, banList] = await Promise.all([
    listClassifications(db, connectionId),
    listScoreOverrides(db, connectionId),
    listPolicies(db, connectionId),
    listBans(db, connectionId),
  ]);
  const bans = new Map(
    banList.map((b) => [b.appKey, { reason: b.reason, bannedBy: b.actor.name, bannedAt: b.bannedAt }]),
  );
  const { classifications, pending } = reconcileAll(inventory, stored, { connectionId, now });
  if (options.persist && pending.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (const p of pending) await applyAutomaticChange(trx, p.previous, p.next, p.change, now);
    });
    // A person may have decided in the meantime (the automatic step then stood down): read back.
    const fresh = await listClassifications(db, connectionId);
    for (const [key, c] of fresh) if (classifications.has(key)) classifications.set(key, c);
  }
  return {
    apps: governedApps(inventory, { classifications, overrides, bans }, { now, weights: options.weights }),
    policies: policyList.policies.filter((p) => p.enabled).map((p) => p.policy),
  };
}
