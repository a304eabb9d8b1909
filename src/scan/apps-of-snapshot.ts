import type { Kysely } from 'kysely';
import { type EvaluatedApp, evaluateApps } from '../app-risk/evaluate-apps.ts';
import type { Database } from '../db/schema.ts';

/** The apps of a stored snapshot with their risk, riskiest first; computes, stores nothing. */
export async function appsOfSnapshot(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
  now: Date,
): Promise<EvaluatedApp[]> {
  const evaluation = await evaluateApps(db, connectionId, { now, version, persist: false });
  return [...evaluation.apps].sort((a, b) => b.risk.score - a.risk.score || a.name.localeCompare(b.name));
}
