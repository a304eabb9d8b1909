import { isDatasetName } from './dataset-catalogue.ts';
import type { Rule } from './rule.ts';

/** The datasets a set of rules reads (required or optional): all a snapshot view has to load for them. */
export function datasetsRead(rules: readonly Rule[]): string[] {
  const names = new Set<string>();
  for (const rule of rules) {
    for (const name of [...rule.meta.requires, ...rule.meta.requiresOneOf, ...rule.meta.optional])
      if (isDatasetName(name)) names.add(name);
  }
  return [...names].sort();
}
