import { PalisadeError } from '../errors.ts';

// Defence in depth for DESIGN.md rule 7 (no secret in a snapshot): collectors normalize records
// and should never copy a credential, but a mapping slip must fail the dataset, not persist a
// token. Names are compared exactly after folding case and separators, so metadata such as
// `apiTokens` (a list of token labels) or `passwordPolicy` is allowed while `api_token`,
// `accessToken` or `Authorization` are not.

const FORBIDDEN_FIELDS = new Set([
  'apitoken',
  'secret',
  'clientsecret',
  'sharedsecret',
  'password',
  'accesstoken',
  'refreshtoken',
  'authorization',
  'privatekey',
]);

function fold(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export class CredentialInDataError extends PalisadeError {
  readonly code = 'credential_in_data';
  readonly dataset: string;
  readonly key: string;
  readonly path: string;
  constructor(dataset: string, key: string, path: string) {
    // The path names the field; the value is never included.
    super(`item ${key} of ${dataset} contains a credential field at ${path}; refusing to store it`);
    this.name = 'CredentialInDataError';
    this.dataset = dataset;
    this.key = key;
    this.path = path;
  }
}

/** The path of the first credential-named field in `value`, or undefined. */
export function findCredentialField(value: unknown, path = '$'): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findCredentialField(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  for (const [name, child] of Object.entries(value)) {
    if (FORBIDDEN_FIELDS.has(fold(name)) && child !== undefined && child !== null) return `${path}.${name}`;
    const found = findCredentialField(child, `${path}.${name}`);
    if (found) return found;
  }
  return undefined;
}

export function assertNoCredentials(dataset: string, key: string, data: unknown): void {
  const path = findCredentialField(data);
  if (path) throw new CredentialInDataError(dataset, key, path);
}
