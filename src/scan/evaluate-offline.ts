import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { applyExceptions } from '../findings/exceptions.ts';
import { listAttestations } from '../findings/store/attestations-store.ts';
import { datasetsRead } from '../findings/store/evaluate-connection.ts';
import { listExceptions } from '../findings/store/exceptions-store.ts';
import { loadRuleSettings } from '../findings/store/rule-settings-store.ts';
import { catalogue } from '../rules/catalogue/index.ts';
import { evaluateSnapshot } from '../rules/evaluate.ts';
import type { RuleResult } from '../rules/result.ts';
import { buildSnapshotView } from '../rules/snapshot/build-snapshot-view.ts';

// Evaluates one stored snapshot without storing anything (`palisade diff` compares two this way):
// today's rules, attestations, exceptions and settings, at the time the snapshot was taken, so an
// older snapshot is judged as it stood then (dormancy, expiries), not as if it were read today.

export async function evaluateOffline(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
  at: Date,
): Promise<RuleResult[]> {
  const rules = catalogue.map((e) => e.rule);
  const view = await buildSnapshotView(db, connectionId, { version, now: at, datasets: datasetsRead(rules) });
  const [attestations, exceptions, settings] = await Promise.all([
    listAttestations(db, connectionId),
    listExceptions(db, connectionId),
    loadRuleSettings(db, connectionId),
  ]);
  const evaluation = evaluateSnapshot(rules, view, { settings, attestations });
  return applyExceptions(evaluation.results, exceptions, at).results;
}
