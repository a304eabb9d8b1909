import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { catalogue } from '../rules/catalogue/index.ts';
import type { EvaluatedApp } from './evaluated-apps.ts';
import { judgeSnapshot } from './judge-snapshot.ts';

export type { EvaluatedApp } from './evaluated-apps.ts';

/** The rules about apps: their results are each app's checks. */
const APP_RULES = catalogue.map((e) => e.rule).filter((r) => r.meta.resourceType === 'app');

/** The apps of a stored snapshot with their risk and checks, riskiest first; computes, stores nothing. */
export async function appsOfSnapshot(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
  now: Date,
): Promise<EvaluatedApp[]> {
  const { apps } = await judgeSnapshot(db, connectionId, { version, now, rules: APP_RULES, persist: false });
  return [...apps].sort((a, b) => b.risk.score - a.risk.score || a.name.localeCompare(b.name));
}
