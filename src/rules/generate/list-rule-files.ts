import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sortRuleFiles } from './rule-index-source.ts';

/** Rule files under a catalogue folder, as `<area>/<id>.rule.ts`, in index order. */
export function listRuleFiles(catalogueDir: string): string[] {
  const files: string[] = [];
  for (const area of readdirSync(catalogueDir)) {
    const dir = join(catalogueDir, area);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir)) if (file.endsWith('.rule.ts')) files.push(`${area}/${file}`);
  }
  return sortRuleFiles(files);
}
