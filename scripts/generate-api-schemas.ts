import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type GenerateOptions,
  type GenerateResult,
  generate,
} from '../src/atlassian/schemas/build/generate.ts';

// Generates the Atlassian response schemas and types from the official OpenAPI specs:
//   src/atlassian/schemas/generated/response-schemas.json  endpoint id → bundled JSON schema
//   src/atlassian/schemas/generated/response-types.ts      the TypeScript types, `ResponseTypes`
// Usage: `node scripts/generate-api-schemas.ts` writes them; `--check` only compares and exits 1
// naming each stale file (CI); `--out-dir <dir>` reads and writes elsewhere (tests). The parts
// live in src/atlassian/schemas/build/.

export type { GenerateOptions, GenerateResult };

/** Writes the generated files, or with `check: true` reports which ones are stale. */
export function generateApiSchemas(options: GenerateOptions = {}): Promise<GenerateResult> {
  return generate(options);
}

const USAGE = 'Usage: node scripts/generate-api-schemas.ts [--check] [--out-dir <dir>]';

async function main(argv: readonly string[]): Promise<number> {
  const options: GenerateOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') options.check = true;
    else if (arg === '--out-dir' && argv[i + 1]) options.outDir = resolve(argv[++i] as string);
    else {
      console.error(`Unknown argument ${arg}. ${USAGE}`);
      return 2;
    }
  }
  const { files, stale } = await generateApiSchemas(options);
  if (options.check) {
    for (const file of stale) {
      console.error(`${file} is stale: regenerate it with \`node scripts/generate-api-schemas.ts\`.`);
    }
    if (stale.length === 0) console.log(`API schemas are current (${files.join(', ')}).`);
    return stale.length === 0 ? 0 : 1;
  }
  console.log(
    stale.length === 0 ? `API schemas unchanged (${files.join(', ')}).` : `Wrote ${stale.join(', ')}.`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
