import { type AppGovernance, isGovernanceName } from './app-governance.ts';
import { type Attestation, type AttestationRef, attestationRef, lookupAttestation } from './attestation.ts';
import { ATTESTATION_SUBJECTS, isSubjectName } from './attestation-subjects.ts';
import { datasetScope, isDatasetName } from './dataset-catalogue.ts';
import type { ResultReason } from './result.ts';
import type { Rule } from './rule.ts';
import { oneOfOnSite, type ScopeUnit } from './scope-units.ts';
import type { DatasetView } from './snapshot-view.ts';

// Gathers what a rule requires for one scope unit from the snapshot's dataset outcomes, the
// attestations and Palisade's app governance state. Anything missing becomes a reason, and the
// engine reports `unknown` without calling the rule: this is the single place that decides
// "missing data", so no rule can pass on it.

export interface Requirements {
  /** Non-empty: the rule cannot run here. */
  missing: ResultReason[];
  /** Datasets read only in part: the rule runs, but its passes are not trusted. */
  partial: ResultReason[];
  datasets: Map<string, readonly unknown[]>;
  optional: Map<string, readonly unknown[]>;
  attested: Map<string, { value: unknown; attestation: AttestationRef }>;
  /** Set when the rule requires the governance state and the evaluation has it. */
  governance: AppGovernance | undefined;
  /** Attestations found expired while looking (reported once per evaluation). */
  expired: Attestation[];
}

export type DatasetIndex = ReadonlyMap<string, DatasetView>;

export function indexDatasets(datasets: readonly DatasetView[]): DatasetIndex {
  return new Map(datasets.map((d) => [`${d.name}\u0000${d.scope}`, d]));
}

function scopeOf(name: string, unit: ScopeUnit): string {
  const scope = isDatasetName(name)
    ? datasetScope(name)
    : isSubjectName(name)
      ? ATTESTATION_SUBJECTS[name].scope
      : 'org';
  return scope === 'org' ? 'org' : unit.scope;
}

export function gatherRequirements(
  rule: Rule,
  unit: ScopeUnit,
  index: DatasetIndex,
  inputs: { attestations: readonly Attestation[]; governance: AppGovernance | undefined },
  now: Date,
): Requirements {
  const req: Requirements = {
    missing: [],
    partial: [],
    datasets: new Map(),
    optional: new Map(),
    attested: new Map(),
    governance: undefined,
    expired: [],
  };
  for (const name of [...rule.meta.requires, ...oneOfOnSite(rule, unit.site)]) {
    if (isGovernanceName(name)) {
      if (inputs.governance) req.governance = inputs.governance;
      else req.missing.push({ code: 'governance_missing' });
      continue;
    }
    const scope = scopeOf(name, unit);
    if (isSubjectName(name)) {
      const found = lookupAttestation(inputs.attestations, name, scope, now);
      if (found.status === 'current') {
        req.attested.set(name, { value: found.value, attestation: attestationRef(found.attestation) });
      } else if (found.status === 'missing') {
        req.missing.push({ code: 'attestation_missing', subject: name, scope });
      } else if (found.status === 'expired') {
        req.expired.push(found.attestation);
        req.missing.push({
          code: 'attestation_expired',
          subject: name,
          scope,
          attestationId: found.attestation.id,
          expiredAt: found.attestation.expiresAt,
        });
      } else {
        req.missing.push({
          code: 'attestation_invalid',
          subject: name,
          scope,
          attestationId: found.attestation.id,
          detail: found.detail,
        });
      }
      continue;
    }
    const view = index.get(`${name}\u0000${scope}`);
    const outcome = view?.outcome ?? { status: 'not_collected', reason: null };
    switch (outcome.status) {
      case 'ok':
        req.datasets.set(name, view?.items ?? []);
        break;
      case 'partial':
        req.datasets.set(name, view?.items ?? []);
        req.partial.push({ code: 'dataset_partial', dataset: name, scope, detail: outcome.reason });
        break;
      case 'forbidden':
        req.missing.push({
          code: 'dataset_forbidden',
          dataset: name,
          scope,
          missingScope: outcome.missingScope,
          detail: outcome.reason,
        });
        break;
      case 'failed':
        req.missing.push({ code: 'dataset_failed', dataset: name, scope, detail: outcome.reason });
        break;
      case 'not_collected':
        req.missing.push({ code: 'dataset_not_collected', dataset: name, scope, detail: outcome.reason });
        break;
    }
  }
  for (const name of rule.meta.optional) {
    const view = index.get(`${name}\u0000${scopeOf(name, unit)}`);
    if (view?.outcome.status === 'ok') req.optional.set(name, view.items);
  }
  return req;
}
