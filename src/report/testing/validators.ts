import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

// Schema validators for the tests (the report module's and the CLI's): our JSON report against
// docs/report.schema.json (draft 2020-12), and SARIF against the SARIF 2.1.0 schema Microsoft ships
// in @microsoft/jest-sarif (a devDependency: never import this file from runtime code).
//
// The SARIF schema is the OASIS SARIF 2.1.0 JSON schema in its final-candidate revision rtm.5, as
// published on SchemaStore (draft-04). Its `language` pattern has a stray `]` that is not a valid
// Unicode-mode regular expression, so Ajv compiles patterns without the `u` flag.

export type Validate = (value: unknown) => string[];

const addFormats = addFormatsModule.default;
const AjvDraft04 = AjvDraft04Module.default;

function messages(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`,
  );
}

export const REPORT_SCHEMA_FILE = new URL('../../../docs/report.schema.json', import.meta.url);

export function reportSchemaValidator(): Validate {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_FILE, 'utf8')));
  return (value) => (validate(value) ? [] : messages(validate.errors));
}

export const SARIF_SCHEMA_PACKAGE = '@microsoft/jest-sarif';
export const SARIF_SCHEMA_PATH = 'lib/schemas/sarif-2.1.0-rtm.5.json';

export function sarifSchemaFile(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`${SARIF_SCHEMA_PACKAGE}/package.json`)), SARIF_SCHEMA_PATH);
}

export function sarifValidator(): Validate {
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(sarifSchemaFile(), 'utf8')));
  return (value) => (validate(value) ? [] : messages(validate.errors));
}
