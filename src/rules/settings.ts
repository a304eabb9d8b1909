import { z } from 'zod';
import { RuleEngineError } from './errors.ts';
import type { Rule } from './rule.ts';

// A rule's settings for one organization: the rule's defaults with the organization's overrides
// on top. Overrides are partial (only what differs from the default) and strict (an unknown key is
// an error rather than a silently ignored typo).

export type SettingsResolution = { ok: true; value: Record<string, unknown> } | { ok: false; detail: string };

export function resolveSettings(rule: Rule, override: unknown): SettingsResolution {
  const input = override ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, detail: 'settings must be an object' };
  }
  const known = Object.keys(rule.settings.shape);
  const unknownKeys = Object.keys(input).filter((k) => !known.includes(k));
  if (unknownKeys.length > 0) {
    const allowed = known.length > 0 ? known.join(', ') : 'none';
    return { ok: false, detail: `unknown setting ${unknownKeys.join(', ')} (settings: ${allowed})` };
  }
  const parsed = rule.settings.safeParse(input);
  if (!parsed.success) return { ok: false, detail: z.prettifyError(parsed.error) };
  return { ok: true, value: parsed.data as Record<string, unknown> };
}

/** For the API edge: throws `RuleEngineError('invalid_settings')` naming the rule and the problem. */
export function validateSettingsOverride(rule: Rule, override: unknown): Record<string, unknown> {
  const resolved = resolveSettings(rule, override);
  if (!resolved.ok) throw new RuleEngineError('invalid_settings', `rule ${rule.meta.id}: ${resolved.detail}`);
  return resolved.value;
}

/** The defaults, for documentation and the settings form. */
export function defaultSettings(rule: Rule): Record<string, unknown> {
  return rule.settings.parse({}) as Record<string, unknown>;
}
