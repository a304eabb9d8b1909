import type { Kysely } from 'kysely';
import { fromJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import { policyMeta } from '../../rules/app-policies.ts';
import { parsePolicy } from '../../rules/app-policy.ts';
import { catalogue } from '../../rules/catalogue/index.ts';
import type { RuleMeta } from '../../rules/rule-meta.ts';

// The metadata of every rule a connection's findings can come from: the catalogue's rules and
// the organization's own app policies (stored by src/app-risk; read here as rows, a policy that
// no longer parses names no rule).

export async function ruleMetasOf(
  db: Kysely<Database>,
  connectionId: string,
): Promise<Map<string, RuleMeta>> {
  const metas = new Map(catalogue.map((e) => [e.rule.meta.id, e.rule.meta]));
  const rows = await db
    .selectFrom('app_policies')
    .select('definition')
    .where('connection_id', '=', connectionId)
    .execute();
  for (const row of rows) {
    try {
      const meta = policyMeta(parsePolicy(fromJsonColumn(row.definition)));
      metas.set(meta.id, meta);
    } catch {
      // an invalid policy is reported where policies are managed
    }
  }
  return metas;
}
