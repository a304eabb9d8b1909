import type { AtlassianApi, SiteRef } from '../../atlassian/api.ts';
import { CredentialCanary } from '../../atlassian/credential-canary.ts';
import { CredentialRejectedError } from '../../atlassian/errors.ts';
import { refusedDespiteWorkingCredential } from '../../atlassian/unauthorized.ts';
import { isDataCenterProduct } from '../../inventory/datasets/data-center.ts';
import { type DataCenterPluginAction, runDataCenterPluginAction } from './data-center-upm.ts';
import type { ManualSteps } from './manual-steps.ts';
import { mapStepError } from './map-error.ts';
import type { ActionStep } from './plan.ts';

// Carries out a plan: each request step once, in order, each failure mapped to what it means for
// that site (one site refusing does not stop the others); manual steps are reported, not sent.

export type StepResult =
  | 'planned'
  | 'succeeded'
  | 'not_installed'
  | 'no_change'
  | 'failed'
  | 'manual_required';

export interface StepOutcome extends ActionStep {
  result: StepResult;
  error: { code: string; message: string } | null;
}

/** A dry run: what each step would do, nothing called. */
export function plannedOutcomes(steps: readonly ActionStep[]): StepOutcome[] {
  return steps.map((step) => ({
    ...step,
    result: step.request ? 'planned' : 'manual_required',
    error: null,
  }));
}

/** `api` may be absent when no step has a request (a plan of manual steps only). */
export async function executeSteps(
  api: AtlassianApi | undefined,
  steps: readonly ActionStep[],
): Promise<StepOutcome[]> {
  const out: StepOutcome[] = [];
  const canary = api ? new CredentialCanary({ api, sites: [] }) : undefined;
  for (const step of steps) {
    const request = step.request;
    if (!request || !step.product) {
      out.push({ ...step, result: 'manual_required', error: null });
      continue;
    }
    if (!api) throw new Error(`no client to send the planned ${request.method} ${request.url}`);
    const site: SiteRef = { cloudId: step.site.cloudId, url: step.site.url, products: [step.product] };
    if (isDataCenterProduct(step.product)) {
      // A Data Center instance: UPM at its base URL, with the live read, the 401 of a working
      // non-admin token and the required system plugins told apart there (data-center-upm.ts).
      const action: DataCenterPluginAction =
        request.method === 'DELETE' ? 'uninstall' : request.body?.enabled ? 'enable' : 'disable';
      const done = await runDataCenterPluginAction(api, site, step.product, action, request.pluginKey);
      out.push({
        ...step,
        result: done.result,
        error: done.error ? { code: done.error.code, message: done.error.message } : null,
      });
      continue;
    }
    if (request.body && (await alreadySo(api, step.product, request.pluginKey, request.body.enabled, site))) {
      out.push({ ...step, result: 'no_change', error: null });
      continue;
    }
    try {
      await api.call(request.endpointId, {
        site,
        params: { pluginKey: request.pluginKey },
        ...(request.body ? { body: request.body } : {}),
      });
      out.push({ ...step, result: 'succeeded', error: null });
    } catch (error) {
      const failure = mapStepError(await meaningOf(error, canary, site), step);
      if (failure.result === 'failed') {
        out.push({
          ...step,
          result: 'failed',
          error: { code: failure.error.code, message: failure.error.message },
        });
      } else if (failure.result === 'manual_required') {
        const manual: ManualSteps = failure.manual;
        // The request went out and was refused: keep it in the record beside the manual steps.
        out.push({ ...step, manual, result: 'manual_required', error: null });
      } else {
        out.push({ ...step, result: 'not_installed', error: null });
      }
    }
  }
  return out;
}

/**
 * Whether UPM shows the app already enabled (or disabled) as asked: then the PUT would change
 * nothing and the answer is "no change", not "succeeded". Read live, since the snapshot may be
 * older than the last action. Any failure to read says no: the PUT then runs and its error is
 * mapped as usual.
 */
async function alreadySo(
  api: AtlassianApi,
  product: 'jira' | 'confluence',
  pluginKey: string,
  enabled: boolean,
  site: SiteRef,
): Promise<boolean> {
  try {
    const plugin = await api.call(`upm.${product}.get`, { site, params: { pluginKey } });
    return plugin.enabled === enabled;
  } catch {
    return false;
  }
}

/**
 * UPM answers 401 both to a revoked token and to the working token of a user who is not an admin
 * ("Must have permission to access this resource."): a canary call with the same credential tells
 * them apart, once per action (src/atlassian/credential-canary.ts).
 */
async function meaningOf(
  error: unknown,
  canary: CredentialCanary | undefined,
  site: SiteRef,
): Promise<unknown> {
  if (!(error instanceof CredentialRejectedError) || !canary) return error;
  const verdict = await canary.check('site', site);
  return verdict.works ? refusedDespiteWorkingCredential(error, verdict.via) : error;
}
