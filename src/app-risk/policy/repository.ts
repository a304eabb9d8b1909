import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/audit-log.ts';
import { fromJsonColumn, toJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import { type AppPolicy, parsePolicy } from '../../rules/app-policy.ts';

// App policies stored per connection (validated on the way in and out: a stored definition that no
// longer parses is skipped by `listPolicies` with its error, never evaluated half-understood).
// Every change is audited.

export interface StoredPolicy {
  policy: AppPolicy;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PolicyList {
  policies: StoredPolicy[];
  /** Stored definitions that no longer validate (after a schema change), by id. */
  invalid: { id: string; error: string }[];
}

const policySubject = (id: string) => `policy:${id}`;

export async function savePolicy(
  db: Kysely<Database>,
  input: { connectionId: string; policy: unknown; actor: string; now: Date; enabled?: boolean },
): Promise<StoredPolicy> {
  const policy = parsePolicy(input.policy);
  const at = input.now.toISOString();
  const enabled = input.enabled ?? true;
  const definition = toJsonColumn(policy);
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('app_policies')
      .selectAll()
      .where('connection_id', '=', input.connectionId)
      .where('id', '=', policy.id)
      .executeTakeFirst();
    await trx
      .insertInto('app_policies')
      .values({
        connection_id: input.connectionId,
        id: policy.id,
        definition,
        enabled: enabled ? 1 : 0,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(['connection_id', 'id'])
          .doUpdateSet({ definition, enabled: enabled ? 1 : 0, updated_at: at }),
      )
      .execute();
    await recordAudit(trx, {
      connectionId: input.connectionId,
      actor: input.actor,
      action: previous ? 'app.policy-update' : 'app.policy-create',
      subject: policySubject(policy.id),
      at: input.now,
      details: {
        policy,
        enabled,
        previous: previous ? fromJsonColumn(previous.definition) : null,
      },
    });
    return { policy, enabled, createdAt: previous?.created_at ?? at, updatedAt: at };
  });
}

export async function deletePolicy(
  db: Kysely<Database>,
  input: { connectionId: string; id: string; actor: string; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('app_policies')
      .selectAll()
      .where('connection_id', '=', input.connectionId)
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!previous) return false;
    await trx
      .deleteFrom('app_policies')
      .where('connection_id', '=', input.connectionId)
      .where('id', '=', input.id)
      .execute();
    await recordAudit(trx, {
      connectionId: input.connectionId,
      actor: input.actor,
      action: 'app.policy-delete',
      subject: policySubject(input.id),
      at: input.now,
      details: { previous: fromJsonColumn(previous.definition) },
    });
    return true;
  });
}

export async function listPolicies(db: Kysely<Database>, connectionId: string): Promise<PolicyList> {
  const rows = await db
    .selectFrom('app_policies')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('id')
    .execute();
  const out: PolicyList = { policies: [], invalid: [] };
  for (const row of rows) {
    try {
      out.policies.push({
        policy: parsePolicy(fromJsonColumn(row.definition)),
        enabled: Number(row.enabled) === 1,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      });
    } catch (error) {
      out.invalid.push({ id: row.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}
