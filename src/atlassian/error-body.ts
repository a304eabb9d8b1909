import { asArray, asRecord } from './paginate/style.ts';

// The human message inside an Atlassian error body, whichever product sent it (the formats are
// listed in docs/atlassian/API.md §0.1): Jira `{errorMessages, errors}`, Confluence v2 and the
// admin API `{errors:[{title, detail}]}`, Confluence v1 / UPM / gateway `{message}`, OAuth
// `{error, error_description}`, user management `{key}`, GraphQL and Marketplace `{errors:[{message}]}`.

const MAX = 300;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, MAX) : undefined;
}

export function errorMessageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return text(body);
  const b = asRecord(body);
  const jira = asArray(b.errorMessages)
    .map(text)
    .filter((m) => m !== undefined);
  if (jira.length > 0) return jira.join('; ').slice(0, MAX);
  const fieldErrors = Object.values(asRecord(b.errors))
    .map(text)
    .filter((m) => m !== undefined);
  if (fieldErrors.length > 0) return fieldErrors.join('; ').slice(0, MAX);
  const first = asRecord(asArray(b.errors)[0]);
  const listed = text(first.detail) ?? text(first.title) ?? text(first.message);
  if (listed) return listed;
  return text(b.error_description) ?? text(b.message) ?? text(b.error) ?? text(b.key);
}

/**
 * The message of an error body that is not JSON: UPM answers its permission refusals with a bare
 * string under a JSON media type ("Must have permission to access this resource.", written by
 * its PermissionExceptionMapper). HTML pages and long texts are not messages.
 */
export function plainTextMessage(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '' || trimmed.startsWith('<') || trimmed.length > MAX || /[\r\n]/.test(trimmed))
    return undefined;
  return trimmed;
}
