import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { catalogue } from '../rules/catalogue/index.ts';
import { judgementStamps, readAppJudgement, storeAppJudgement } from './app-judgements.ts';
import type { EvaluatedApp } from './evaluated-apps.ts';
import { judgeSnapshot } from './judge-snapshot.ts';

export type { EvaluatedApp } from './evaluated-apps.ts';

/** The rules about apps: their results are each app's checks. */
const APP_RULES = catalogue.map((e) => e.rule).filter((r) => r.meta.resourceType === 'app');

export interface AppsOfSnapshotOptions {
  /** The connection's judgement stamp, when the caller has just read it (judgementStamps). */
  stamp?: string | undefined;
  /**
   * `current` (default): the stored judgement only if nothing it was made with changed since;
   * `as-judged`: whatever was stored for the snapshot (what it looked like then: the scan's
   * notifications compare a snapshot with the previous one as they were judged).
   */
  stored?: 'current' | 'as-judged' | undefined;
}

/**
 * The apps of a stored snapshot with their risk and checks, riskiest first: the judgement stored
 * with the snapshot (src/scan/app-judgements.ts), or, when there is none or it is stale, a new one,
 * which is stored for the next reader.
 */
export async function appsOfSnapshot(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
  now: Date,
  options: AppsOfSnapshotOptions = {},
): Promise<EvaluatedApp[]> {
  const [stored, stamp] = await Promise.all([
    readAppJudgement(db, connectionId, version),
    options.stamp ?? judgementStamps(db, connectionId).then((s) => s.get(connectionId) ?? ''),
  ]);
  if (stored && (options.stored === 'as-judged' || stored.stamp === stamp)) return stored.apps;
  const { apps } = await judgeSnapshot(db, connectionId, { version, now, rules: APP_RULES, persist: false });
  const sorted = riskiestFirst(apps);
  await storeAppJudgement(db, { connectionId, version, stamp, judgedAt: now, apps: sorted });
  return sorted;
}

export function riskiestFirst(apps: readonly EvaluatedApp[]): EvaluatedApp[] {
  return [...apps].sort((a, b) => b.risk.score - a.risk.score || a.name.localeCompare(b.name));
}
