import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import type { Rule } from '../../rules/rule.ts';
import { validateSettingsOverride } from '../../rules/settings.ts';

// Per-organization overrides of rule settings. Only the override is stored (the keys that differ
// from the defaults), so a default changed in a later release still reaches every key an
// organization did not set. It is validated when saved; the engine validates it again at each
// evaluation (a rule's schema can tighten) and reports `unknown` rather than use a bad value.

/** Validates against the rule's settings schema (throws `RuleEngineError('invalid_settings')`) and stores. */
export async function saveRuleSettings(
  db: Kysely<Database>,
  connectionId: string,
  rule: Rule,
  override: Record<string, unknown>,
  options: { now: Date; by?: string },
): Promise<void> {
  validateSettingsOverride(rule, override);
  const settings = toJsonColumn(override);
  const at = options.now.toISOString();
  const by = options.by ?? null;
  await db
    .insertInto('rule_settings')
    .values({ connection_id: connectionId, rule_id: rule.meta.id, settings, updated_at: at, updated_by: by })
    .onConflict((oc) =>
      oc.columns(['connection_id', 'rule_id']).doUpdateSet({ settings, updated_at: at, updated_by: by }),
    )
    .execute();
}

/** The overrides by rule id: what `evaluateSnapshot` takes as `settings`. */
export async function loadRuleSettings(
  db: Kysely<Database>,
  connectionId: string,
): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom('rule_settings')
    .select(['rule_id', 'settings'])
    .where('connection_id', '=', connectionId)
    .orderBy('rule_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.rule_id, fromJsonColumn(r.settings)]));
}

/** Back to the defaults. */
export async function deleteRuleSettings(
  db: Kysely<Database>,
  connectionId: string,
  ruleId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('rule_settings')
    .where('connection_id', '=', connectionId)
    .where('rule_id', '=', ruleId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
