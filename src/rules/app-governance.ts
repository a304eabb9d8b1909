import type { AppGovernanceEntry } from '../app-risk/model/governance.ts';
import type { AppPolicy } from './app-policy.ts';

// Palisade's own state about the apps — each app's classification, risk score (with its override)
// and changes since approval (src/app-risk/model/governance.ts), and the organization's app
// policies — is an engine input like the attestations. A rule that reads it names this requirement
// in `requires`, and the engine supplies the state when the caller passed it
// (`EvaluateOptions.governance`) or emits `unknown` without calling the rule. The engine evaluates
// the policies itself (app-policies.ts).

export interface AppGovernance {
  /** By app key, every app of the snapshot's inventory. */
  apps: ReadonlyMap<string, AppGovernanceEntry>;
  /** The enabled policies; each is a rule the organization wrote (`app_policy:<id>`). */
  policies: readonly AppPolicy[];
}

export const APP_GOVERNANCE = 'palisade.app-governance';

export type GovernanceName = typeof APP_GOVERNANCE;

export function isGovernanceName(name: string): name is GovernanceName {
  return name === APP_GOVERNANCE;
}
