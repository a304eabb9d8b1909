// Palisade's own state about the apps (src/app-risk/model/governance.ts: classifications, risk
// scores with their overrides, policies) is an engine input like the attestations: a rule that
// reads it names this requirement in `requires`, and the engine supplies the state when the
// caller passed it (`EvaluateOptions.governance`) or emits `unknown` without calling the rule.

export const APP_GOVERNANCE = 'palisade.app-governance';

export type GovernanceName = typeof APP_GOVERNANCE;

export function isGovernanceName(name: string): name is GovernanceName {
  return name === APP_GOVERNANCE;
}
