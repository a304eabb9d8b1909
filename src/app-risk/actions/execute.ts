import type { AtlassianApi } from '../../atlassian/api.ts';
import type { ManualSteps } from './manual-steps.ts';
import { mapStepError } from './map-error.ts';
import type { ActionStep } from './plan.ts';

// Carries out a plan: each request step once, in order, each failure mapped to what it means for
// that site (one site refusing does not stop the others); manual steps are reported, not sent.

export type StepResult = 'planned' | 'succeeded' | 'not_installed' | 'failed' | 'manual_required';

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
  for (const step of steps) {
    const request = step.request;
    if (!request || !step.product) {
      out.push({ ...step, result: 'manual_required', error: null });
      continue;
    }
    if (!api) throw new Error(`no client to send the planned ${request.method} ${request.url}`);
    try {
      await api.call(request.endpointId, {
        site: { cloudId: step.site.cloudId, url: step.site.url, products: [step.product] },
        params: { pluginKey: request.pluginKey },
        ...(request.body ? { body: request.body } : {}),
      });
      out.push({ ...step, result: 'succeeded', error: null });
    } catch (error) {
      const failure = mapStepError(error, step);
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
