import { z } from 'zod';
import type { DatasetName } from './dataset-catalogue.ts';
import { RuleEngineError } from './errors.ts';
import type { RuleOutcome } from './outcome.ts';
import type { Requirement, Rule, RuleContext, SettingsSchema } from './rule.ts';
import { type RuleMetaInput, ruleMetaSchema } from './rule-meta.ts';

// The one way to write a rule. Metadata is validated when the module loads, so a rule with an
// unknown area, an empty remediation or a setting without a default fails every test that imports
// the catalogue. The generics make `ctx.items(name)` accept only the datasets the rule requires
// and type `ctx.settings` from its settings schema.

/** Metadata may be written `as const` or shared between rules: readonly arrays are accepted. */
type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export interface RuleDefinition<R extends Requirement, O extends DatasetName, S extends SettingsSchema>
  extends DeepReadonly<Omit<RuleMetaInput, 'requires' | 'requiresOneOf' | 'optional'>> {
  requires: readonly R[];
  /** Site datasets of which each site reads the ones its kind can have (rule-meta.ts). */
  requiresOneOf?: readonly R[];
  optional?: readonly O[];
  /** Tunable settings, each with a default (`z.number().default(90).describe('…')`). */
  settings?: S;
  evaluate(ctx: RuleContext<R, O, z.output<S>>): readonly RuleOutcome[];
}

const noSettings = z.object({});

export function defineRule<
  const R extends Requirement,
  const O extends DatasetName = never,
  S extends SettingsSchema = typeof noSettings,
>(definition: RuleDefinition<R, O, S>): Rule {
  const { evaluate, settings, ...meta } = definition;
  const parsed = ruleMetaSchema.safeParse(meta);
  if (!parsed.success) {
    throw new RuleEngineError(
      'invalid_rule_meta',
      `rule ${String(meta.id)}: ${z.prettifyError(parsed.error)}`,
    );
  }
  const schema = settings ?? noSettings;
  const defaults = schema.safeParse({});
  if (!defaults.success) {
    throw new RuleEngineError(
      'invalid_rule_meta',
      `rule ${parsed.data.id}: every setting needs a default: ${z.prettifyError(defaults.error)}`,
    );
  }
  return { meta: parsed.data, settings: schema, evaluate: evaluate as Rule['evaluate'] };
}
