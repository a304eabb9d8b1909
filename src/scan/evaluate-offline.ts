import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { RuleResult } from '../rules/result.ts';
import { judgeSnapshot } from './judge-snapshot.ts';

// Evaluates one stored snapshot as a scan does, without storing anything (`palisade diff` compares
// two this way, `except --candidates` lists failures): today's rules, attestations, exceptions,
// settings and app governance state, at the time the snapshot was taken, so an older snapshot is
// judged as it stood then (dormancy, expiries), not as if it were read today.

export async function evaluateOffline(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
  at: Date,
): Promise<RuleResult[]> {
  return (await judgeSnapshot(db, connectionId, { version, now: at, persist: false })).results;
}
