import {
  CredentialMissingError,
  CredentialRejectedError,
  ForbiddenError,
  HostNotAllowedError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
} from '../../atlassian/errors.ts';
import {
  type ActionError,
  AppNotRemovableError,
  AtlassianActionError,
  NotSiteAdminError,
  WriteCredentialRejectedError,
} from './errors.ts';
import { forgeUninstallSteps, type ManualSteps } from './manual-steps.ts';
import type { ActionStep } from './plan.ts';

// What an Atlassian failure means for one step of an action. UPM's 403 has three meanings, told
// apart by its body (docs/atlassian/API.md §d, simulator/routes/upm.ts): the account is not an
// admin of the site or product; the plugin is a system or bundled plugin, which UPM says with an
// `ErrorRepresentation` sub-code (`upm.pluginUninstall.error.plugin.is.system`, kept at the end of
// the reason by src/atlassian/error-body.ts); or it is a Forge app, which only Atlassian
// Administration can remove.

export type StepFailure =
  | { result: 'not_installed' }
  | { result: 'manual_required'; manual: ManualSteps }
  | { result: 'failed'; error: ActionError };

const FORGE = /\bforge app\b/i;
/** UPM's ways of saying a plugin is a required system plugin (also used for Data Center). */
export const NOT_REMOVABLE =
  /system plugin|required by the system|cannot be (uninstalled|disabled)|upm\.pluginUninstall\.error\.plugin\.(is\.system|is\.static|not\.uninstallable)|upm\.plugin\.error\.invalid\.upm\.plugin\.action/i;

export function mapStepError(error: unknown, step: ActionStep): StepFailure {
  const site = step.site.url;
  const product = step.product ?? 'jira';
  const what = step.appKey ?? 'the app';
  if (error instanceof NotFoundError) return { result: 'not_installed' };
  if (error instanceof ForbiddenError) {
    if (FORGE.test(error.reason) && step.appKey) {
      const app = { appKey: step.appKey, appName: step.appName, product };
      return { result: 'manual_required', manual: forgeUninstallSteps(site, app) };
    }
    if (NOT_REMOVABLE.test(error.reason)) {
      return {
        result: 'failed',
        error: new AppNotRemovableError(
          `${what} on ${site} cannot be changed through the Universal Plugin Manager: it is a required system ` +
            `plugin (${error.reason})`,
        ),
      };
    }
    return { result: 'failed', error: new NotSiteAdminError(site, product, error.reason) };
  }
  if (error instanceof CredentialRejectedError || error instanceof CredentialMissingError) {
    return { result: 'failed', error: new WriteCredentialRejectedError(site) };
  }
  if (error instanceof RateLimitedError) {
    const wait =
      error.retryAfterMs === undefined ? '' : ` (retry in ${Math.ceil(error.retryAfterMs / 1000)} s)`;
    return {
      result: 'failed',
      error: new AtlassianActionError(
        'rate_limited',
        `${site} rate-limited the request${wait}: nothing changed`,
      ),
    };
  }
  if (error instanceof ServerError || error instanceof NetworkError) {
    return {
      result: 'failed',
      error: new AtlassianActionError(
        'atlassian_unavailable',
        `${site} did not answer after every retry (${error.message}): the app may or may not have changed — ` +
          'sync to see its state before retrying',
      ),
    };
  }
  if (error instanceof HostNotAllowedError) {
    return { result: 'failed', error: new AtlassianActionError('atlassian_error', error.message) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { result: 'failed', error: new AtlassianActionError('atlassian_error', `${site}: ${message}`) };
}
