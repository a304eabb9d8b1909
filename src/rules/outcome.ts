import type { ResourceType } from './resource-types.ts';
import type { Evidence } from './result.ts';

// What a rule's `evaluate` returns per resource. The engine adds the rule id, the resource's scope,
// the basis and the reasons; a rule only says what it found. Use the helpers below.

export interface RuleResource {
  /** Defaults to the rule's `resourceType`. */
  type?: ResourceType;
  id: string;
  name?: string;
}

export type DraftStatus = 'pass' | 'fail' | 'unknown' | 'not_applicable';

export interface RuleOutcome {
  resource: RuleResource;
  status: DraftStatus;
  message: string;
  evidence?: Evidence;
}

export function pass(resource: RuleResource, message: string, evidence?: Evidence): RuleOutcome {
  return { resource, status: 'pass', message, ...(evidence ? { evidence } : {}) };
}

export function fail(resource: RuleResource, message: string, evidence?: Evidence): RuleOutcome {
  return { resource, status: 'fail', message, ...(evidence ? { evidence } : {}) };
}

/** The data for this resource does not decide it (say which field is missing); never use `pass`. */
export function unknown(resource: RuleResource, message: string, evidence?: Evidence): RuleOutcome {
  return { resource, status: 'unknown', message, ...(evidence ? { evidence } : {}) };
}

/** The control does not apply to this resource (a declared break-glass policy, an archived project…). */
export function notApplicable(resource: RuleResource, message: string, evidence?: Evidence): RuleOutcome {
  return { resource, status: 'not_applicable', message, ...(evidence ? { evidence } : {}) };
}
