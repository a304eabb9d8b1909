import { asArray, asRecord } from './paginate/style.ts';

// The human message inside an Atlassian error body, whichever product sent it (the formats are
// listed in docs/atlassian/API.md §0.1): Jira `{errorMessages, errors}`, Confluence v2 and the
// admin API `{errors:[{title, detail}]}`, Confluence v1 / gateway `{message}`, OAuth
// `{error, error_description}`, user management `{key}`, GraphQL and Marketplace
// `{errors:[{message}]}`, Bitbucket `{type: "error", error: {message, detail}}`, and the
// Universal Plugin Manager's own shapes (below).

const MAX = 300;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, MAX) : undefined;
}

/**
 * UPM's `ErrorRepresentation` is `{errorMessage, subCode}`, where an i18n error carries only the
 * key (`errorMessage: null`); its async task errors nest the same under `status` or
 * `details.error` (com.atlassian.upm.core.rest.representations.ErrorRepresentation,
 * PluginResource, PluginRestUninstaller). The sub-code is what tells the causes apart, so the
 * message always ends with it: `… (upm.pluginUninstall.error.plugin.is.system)`.
 */
const UPM_SUB_CODES: Record<string, string> = {
  'upm.pluginUninstall.error.plugin.is.system': 'the app is a system app, which cannot be uninstalled',
  'upm.pluginUninstall.error.plugin.is.static':
    'the app is bundled with the product, which cannot be uninstalled',
  'upm.pluginUninstall.error.plugin.not.uninstallable': 'the app cannot be uninstalled',
  'upm.pluginUninstall.error.insufficient.permission':
    'the account may not uninstall apps: it is not an administrator',
  'upm.pluginUninstall.error.safe.mode': 'the site is in safe mode: apps cannot be uninstalled now',
  'upm.pluginUninstall.error.failed.to.uninstall': 'the app could not be uninstalled',
  'upm.plugin.error.invalid.upm.plugin.action': 'the Universal Plugin Manager cannot do this to itself',
  'upm.plugin.error.failed.to.enable': 'the app could not be enabled',
  'upm.plugin.error.failed.to.disable': 'the app could not be disabled',
  'upm.plugin.error.unexpected.error': 'the Universal Plugin Manager failed unexpectedly',
};

function upmMessage(b: Record<string, unknown>): string | undefined {
  const nested = [b, asRecord(b.status), asRecord(asRecord(b.details).error)];
  for (const r of nested) {
    const subCode = text(r.subCode);
    const message = text(r.errorMessage);
    if (!subCode && !message) continue;
    // A bare status code as message says nothing (UPM's own UI ignores those too).
    const said = message && !/^\d{3}$/.test(message) ? message : undefined;
    const phrase =
      said ?? (subCode ? UPM_SUB_CODES[subCode] : undefined) ?? 'the Universal Plugin Manager refused';
    return (subCode ? `${phrase} (${subCode})` : phrase).slice(0, MAX);
  }
  return undefined;
}

/**
 * A body that is no JSON object: UPM's permission errors are the bare sentence ("Must have
 * permission to access this resource.", PermissionExceptionMapper); an HTML error page is not a
 * message.
 */
function plainMessage(body: string): string | undefined {
  const t = text(body);
  if (!t || /^\s*</.test(t)) return undefined;
  return t.split('\n')[0]?.slice(0, MAX);
}

/** The message in an error body: the parsed JSON, or the raw text when it was not JSON. */
export function errorMessageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return plainMessage(body);
  const b = asRecord(body);
  const upm = upmMessage(b);
  if (upm) return upm;
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
  // Bitbucket: `{type: "error", error: {message, detail}}`, a missing scope's detail naming it
  // (`{granted: [...], required: [...]}`); https://developer.atlassian.com/cloud/bitbucket/rest/intro/#standardized-error-responses
  const bitbucket = asRecord(b.error);
  const said = text(bitbucket.message);
  if (said) {
    const required = asArray(asRecord(bitbucket.detail).required)
      .map(text)
      .filter((s) => s !== undefined);
    return (required.length > 0 ? `${said} (required: ${required.join(', ')})` : said).slice(0, MAX);
  }
  return text(b.error_description) ?? text(b.message) ?? text(b.error) ?? text(b.key);
}
