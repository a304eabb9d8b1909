import type { Kysely } from 'kysely';
import { fromJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import type { EvaluatedApp } from './evaluated-apps.ts';

// The stored judgement of a snapshot's apps (table `app_judgements`, migration 0015). A scan's
// assessment stores it; readers take it as long as its stamp — one line naming everything the
// apps are judged with besides the snapshot — is the connection's stamp now. A change to a
// classification, an override, a policy, a ban or a rule setting changes the stamp, and the next
// reader judges again and stores the result for every other reader (any process: the stamp is
// read from the database, not remembered).

/** The tables whose rows change how a connection's apps are judged, with their time column. */
const INPUTS = [
  ['app_classifications', 'updated_at'],
  ['app_score_overrides', 'at'],
  ['app_policies', 'updated_at'],
  ['app_bans', 'banned_at'],
  ['rule_settings', 'updated_at'],
] as const;

/**
 * Per connection, one line naming its judgement inputs: each table's row count and latest change
 * (a deletion changes the count, an edit the time). Connections with none have no entry (stamp '').
 */
export async function judgementStamps(
  db: Kysely<Database>,
  connectionId?: string,
): Promise<Map<string, string>> {
  const parts = await Promise.all(
    INPUTS.map(([table, at]) => {
      let query = db
        .selectFrom(table)
        .select((eb) => ['connection_id', eb.fn.countAll().as('n'), eb.fn.max(at).as('at')])
        .groupBy('connection_id');
      if (connectionId !== undefined) query = query.where('connection_id', '=', connectionId);
      return query.execute();
    }),
  );
  const out = new Map<string, string>();
  parts.forEach((rows, i) => {
    for (const r of rows) {
      out.set(r.connection_id, `${out.get(r.connection_id) ?? ''}${i}:${String(r.n)}@${String(r.at)};`);
    }
  });
  return out;
}

export interface StoredJudgement {
  stamp: string;
  judgedAt: string;
  apps: EvaluatedApp[];
}

export async function readAppJudgement(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
): Promise<StoredJudgement | undefined> {
  const row = await db
    .selectFrom('app_judgements')
    .select(['stamp', 'judged_at', 'apps'])
    .where('connection_id', '=', connectionId)
    .where('snapshot_version', '=', version)
    .executeTakeFirst();
  return row
    ? { stamp: row.stamp, judgedAt: row.judged_at, apps: fromJsonColumn<EvaluatedApp[]>(row.apps) }
    : undefined;
}

/**
 * Stores (or replaces) a snapshot's judgement, and forgets those of versions older than the one
 * before it: the scan's notifications compare a snapshot with the previous one, nothing reads older.
 */
export async function storeAppJudgement(
  db: Kysely<Database>,
  input: {
    connectionId: string;
    version: number;
    stamp: string;
    judgedAt: Date;
    apps: readonly EvaluatedApp[];
  },
): Promise<void> {
  // Plain JSON.stringify, not toJsonColumn: nothing hashes this text, and sorting the keys of
  // thousands of apps' results would cost the scan for nothing.
  const apps = JSON.stringify(input.apps);
  const judgedAt = input.judgedAt.toISOString();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('app_judgements')
      .values({
        connection_id: input.connectionId,
        snapshot_version: input.version,
        stamp: input.stamp,
        judged_at: judgedAt,
        apps,
      })
      .onConflict((oc) =>
        oc
          .columns(['connection_id', 'snapshot_version'])
          .doUpdateSet({ stamp: input.stamp, judged_at: judgedAt, apps }),
      )
      .execute();
    const previous = await tx
      .selectFrom('snapshots')
      .select('version')
      .where('connection_id', '=', input.connectionId)
      .where('status', '=', 'complete')
      .where('version', '<', input.version)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (previous) {
      await tx
        .deleteFrom('app_judgements')
        .where('connection_id', '=', input.connectionId)
        .where('snapshot_version', '<', Number(previous.version))
        .execute();
    }
  });
}

/**
 * Marks the connection's current judgement stale, whatever the stamp says: a change was just made
 * to how its apps are judged (two changes within one millisecond would leave the stamp as it was).
 * The previous snapshot's judgement stays: it records what that scan saw.
 */
export async function forgetAppJudgement(db: Kysely<Database>, connectionId: string): Promise<void> {
  await db
    .deleteFrom('app_judgements')
    .where('connection_id', '=', connectionId)
    .where('snapshot_version', '=', (eb) =>
      eb
        .selectFrom('app_judgements as j')
        .select((e) => e.fn.max('j.snapshot_version').as('v'))
        .where('j.connection_id', '=', connectionId),
    )
    .execute();
}
