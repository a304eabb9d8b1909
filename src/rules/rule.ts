import type { z } from 'zod';
import type { AppGovernance, GovernanceName } from './app-governance.ts';
import type { AttestationRef } from './attestation.ts';
import type { SubjectName, SubjectValue } from './attestation-subjects.ts';
import type { DatasetName, DatasetRecord } from './dataset-catalogue.ts';
import type { RuleOutcome } from './outcome.ts';
import type { RuleMeta } from './rule-meta.ts';
import type { OrgFacts, SiteFacts } from './snapshot-view.ts';

// The shape of a rule once defined (define-rule.ts) and the context its `evaluate` receives.

export type Requirement = DatasetName | SubjectName | GovernanceName;

/** A rule's tunable settings: a zod object whose every field has a default. */
export type SettingsSchema = z.ZodObject;

export interface Attested<N extends SubjectName> {
  value: SubjectValue<N>;
  attestation: AttestationRef;
}

/**
 * What `evaluate` sees: only data that is present. The engine has already turned every missing
 * required dataset, attestation or governance state into an `unknown` result and not called the
 * rule, so `items`, `attested` and `governance` never return "nothing because we could not read it".
 */
export interface RuleContext<
  R extends Requirement = Requirement,
  O extends DatasetName = DatasetName,
  S = Record<string, unknown>,
> {
  /** The evaluation time (never read the clock in a rule). */
  now: Date;
  /** The rule's settings: defaults merged with the organization's overrides. */
  settings: S;
  org: OrgFacts;
  /** The site being evaluated, for site-scoped rules; undefined for org-scoped ones. */
  site: SiteFacts | undefined;
  /** Every site the scan covers (the connection's), so an org rule can tell what it did not read. */
  sites: readonly SiteFacts[];
  /** A required dataset's records: the org's, or the current site's for site datasets. */
  items<N extends Extract<R, DatasetName>>(name: N): readonly DatasetRecord<N>[];
  /** An optional dataset's records, undefined when it was not read completely. */
  optional<N extends O>(name: N): readonly DatasetRecord<N>[] | undefined;
  /** A required attestation subject's current value and who attested it. */
  attested<N extends Extract<R, SubjectName>>(name: N): Attested<N>;
  /** Palisade's app governance state, for a rule that requires it (`palisade.app-governance`). */
  governance<N extends Extract<R, GovernanceName>>(name: N): AppGovernance;
}

export interface Rule {
  meta: RuleMeta;
  settings: SettingsSchema;
  evaluate(ctx: RuleContext): readonly RuleOutcome[];
}
