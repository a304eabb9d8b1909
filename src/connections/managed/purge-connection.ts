import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

// Deleting a connection purges everything Palisade holds of it — inventory, snapshots, runs,
// findings, exceptions, app governance and actions, scans and leases, credentials, the profile —
// but the audit log, which keeps the fact that it existed and who removed it. Most tables cascade
// from `connections`, but the server's tables have no foreign key (a profile outlives its
// connection while the purge runs), and a database whose foreign keys are off must purge too: so
// every table is named here, children before parents, the profile last.

/** Every table with a `connection_id` but the audit log, in an order that satisfies foreign keys. */
export const CONNECTION_TABLES = [
  'inventory_items',
  'inventory_page_keys',
  'inventory_cursors',
  'finding_changes',
  'finding_evaluations',
  'findings',
  'attestations',
  'rule_exceptions',
  'rule_settings',
  'app_ban_alerts',
  'app_bans',
  'app_actions',
  'app_classifications',
  'app_score_overrides',
  'app_policies',
  'scan_leases',
  'app_judgements',
  'scans',
  'oauth_states',
  'connection_credentials',
  'sync_runs',
  'snapshots',
] as const satisfies readonly (keyof Database)[];

export async function purgeConnection(db: Kysely<Database>, connectionId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // Dataset outcomes hang off the runs (no connection id of their own).
    await tx
      .deleteFrom('dataset_outcomes')
      .where(
        'run_id',
        'in',
        tx.selectFrom('sync_runs').select('id').where('connection_id', '=', connectionId),
      )
      .execute();
    for (const table of CONNECTION_TABLES) {
      // Each table in the list has a text `connection_id`; Kysely types one table at a time.
      await tx
        .deleteFrom(table as 'scans')
        .where('connection_id', '=', connectionId)
        .execute();
    }
    await tx.deleteFrom('connections').where('id', '=', connectionId).execute();
    await tx.deleteFrom('connection_profiles').where('connection_id', '=', connectionId).execute();
  });
}
