import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SpecFile } from '../../catalogue/index.ts';

// Where the official Atlassian OpenAPI documents live and how to read them. They are vendored
// in the repository (`spec/atlassian/`, provenance and licence in SOURCES.md there) and read only
// at generation time: nothing at run time touches them.

export const SPEC_FILE_NAMES: Record<SpecFile, string> = {
  'admin-organizations-v1': 'admin-organizations-v1.swagger.v3.json',
  'admin-user-management': 'admin-user-management.swagger.v3.json',
  'bitbucket-cloud': 'bitbucket-cloud.swagger.v3.json',
  'confluence-rest-v1': 'confluence-rest-v1.swagger.v3.json',
  'confluence-rest-v2': 'confluence-rest-v2.openapi-v2.v3.json',
  'jira-platform-rest-v3': 'jira-platform-rest-v3.swagger-v3.v3.json',
  'marketplace-rest-v2': 'marketplace-rest-v2.swagger.v3.json',
  'jira-dc-rest': 'jira-dc-rest-10.3.swagger.v3.json',
  'confluence-dc-rest': 'confluence-dc-rest-10.0.3.swagger.v3.json',
};

export type JsonObject = { [key: string]: unknown };

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The specs folder for a project root: `<root>/spec/atlassian`. */
export function specsDir(projectRoot: string): string {
  return resolve(projectRoot, 'spec/atlassian');
}

/** Reads the spec documents, each once; throws naming the folder or file when one is missing. */
export function specReader(dir: string): (file: SpecFile) => JsonObject {
  const cache = new Map<SpecFile, JsonObject>();
  return (file) => {
    const cached = cache.get(file);
    if (cached) return cached;
    if (!existsSync(dir)) {
      throw new Error(
        `The official Atlassian OpenAPI specs are missing: expected the folder ${dir} ` +
          '(spec/atlassian in the repository).',
      );
    }
    const path = resolve(dir, SPEC_FILE_NAMES[file]);
    if (!existsSync(path))
      throw new Error(`The official spec ${SPEC_FILE_NAMES[file]} is missing from ${dir}`);
    const doc: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!isObject(doc)) throw new Error(`${path} is not a JSON object`);
    cache.set(file, doc);
    return doc;
  };
}

/** Follows a local `#/...` JSON pointer inside a document; undefined when it leads nowhere. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local references are supported, got ${ref}`);
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as JsonObject)[key];
    if (node === undefined) return undefined;
  }
  return node;
}
