import { generateApiSchemas } from './generate-api-schemas.ts';
import { generateBaseline } from './generate-baseline.ts';
import { generateDatasets } from './generate-datasets.ts';
import { generateOauthPermissions } from './generate-oauth-permissions.ts';
import { type GeneratorResult, generateOauthScopes } from './generate-oauth-scopes.ts';
import { generatePermissions } from './generate-permissions.ts';
import { generateWebApiTypes } from './generate-web-api-types.ts';

// Runs every generator (DESIGN.md convention 10: generated files are made by a script, and CI
// checks they are current). `node scripts/generate.ts` rewrites what changed (`npm run generate`);
// `--check` writes nothing and exits 1 naming each stale file (`npm run generate:check`, part of
// `npm test`). A new generator is one line in GENERATORS.

type Generator = (options: { check: boolean }) => GeneratorResult | Promise<GeneratorResult>;

const GENERATORS: Record<string, Generator> = {
  'OAuth scope catalogue (scripts/generate-oauth-scopes.ts)': generateOauthScopes,
  'API response schemas and types (scripts/generate-api-schemas.ts)': generateApiSchemas,
  // Before the baseline, which reads the collectors through the registry.
  'Datasets: index, collector registry, docs/datasets.md (scripts/generate-datasets.ts)': generateDatasets,
  'Rule index and secure baseline (scripts/generate-baseline.ts)': generateBaseline,
  'OAuth permissions and data collected, docs/oauth-permissions.md (scripts/generate-oauth-permissions.ts)':
    generateOauthPermissions,
  'Permission table, docs/permissions.md (scripts/generate-permissions.ts)': generatePermissions,
  'Web UI API types, web/src/api/schema.ts (scripts/generate-web-api-types.ts)': generateWebApiTypes,
};

async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown.join(' ')}. Usage: node scripts/generate.ts [--check]`);
    return 2;
  }
  const check = argv.includes('--check');
  let stale = 0;
  for (const [name, generator] of Object.entries(GENERATORS)) {
    const result = await generator({ check });
    stale += result.stale.length;
    for (const file of result.stale) {
      console.error(
        check
          ? `${file} is stale: it is not what ${name} makes from its sources. Run \`npm run generate\` and commit the result.`
          : `Wrote ${file}.`,
      );
    }
    if (result.stale.length === 0) console.log(`${name}: current (${result.files.join(', ')}).`);
  }
  return check && stale > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
