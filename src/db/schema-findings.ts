// Tables for attestations, exceptions, rule settings and findings (migration 0002); merged into
// `Database` in schema.ts. JSON columns are canonical JSON text, timestamps ISO text. Every row
// belongs to a connection (one Atlassian organization) and goes with it (on delete cascade).
import type { IsoTime, JsonText } from './schema.ts';

/** An admin's record of a setting no public API exposes (src/rules/attestation.ts). */
export interface AttestationsTable {
  id: string;
  connection_id: string;
  /** An attestation subject name, e.g. `attested.authentication-policies`. */
  subject: string;
  /** `org`, or the cloud id of the site the setting belongs to. */
  scope: string;
  /** The attested value (validated against the subject's schema when recorded). */
  value: JsonText;
  /** `{ note, url? }`: what was checked and how. */
  evidence: JsonText;
  author_id: string;
  author_name: string;
  attested_at: IsoTime;
  expires_at: IsoTime;
}

/** An accepted risk: a rule's failures (all, or some resources) shown as `excepted` until expiry. */
export interface RuleExceptionsTable {
  id: string;
  connection_id: string;
  rule_id: string;
  /** string[] of resource keys (`<scope>:<type>:<id>`) as JSON; null: every resource of the rule. */
  resources: JsonText | null;
  justification: string;
  owner: string;
  created_at: IsoTime;
  expires_at: IsoTime;
}

/** The organization's overrides of one rule's settings (only the keys that differ from the defaults). */
export interface RuleSettingsTable {
  connection_id: string;
  rule_id: string;
  settings: JsonText;
  updated_at: IsoTime;
  updated_by: string | null;
}

/** One evaluation of one snapshot: re-evaluating the snapshot replaces it (and its findings). */
export interface FindingEvaluationsTable {
  connection_id: string;
  snapshot_version: number;
  evaluated_at: IsoTime;
  /** Rules evaluated and results produced. */
  rules: number;
  results: number;
  /** `{ pass, fail, unknown, not_applicable, excepted }`: results per status. */
  counts: JsonText;
  /** The posture scores (src/findings/posture-score.ts `PostureScores`). */
  scores: JsonText;
}

export type FindingStateColumn = 'open' | 'excepted' | 'resolved';

/** Every finding (open, excepted or resolved) as it stood after evaluating one snapshot. */
export interface FindingsTable {
  connection_id: string;
  snapshot_version: number;
  /** `resultKey`: `<ruleId>|<scope>:<type>:<id>`. */
  key: string;
  rule_id: string;
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  /** `org` or a site cloud id. */
  resource_scope: string;
  state: FindingStateColumn;
  /** The latest status for it: a result status, or `absent` when the resource is gone. */
  last_status: string;
  message: string;
  evidence: JsonText | null;
  /** `{ id, owner, justification, expiresAt }` while excepted. */
  exception: JsonText | null;
  first_seen_version: number;
  first_seen_at: IsoTime;
  last_seen_version: number;
  last_seen_at: IsoTime;
  resolved_version: number | null;
  resolved_at: IsoTime | null;
  regressions: number;
}

export type FindingChangeKind = 'new' | 'regressed' | 'resolved' | 'changed';

/** What an evaluation changed against the previous evaluated snapshot. */
export interface FindingChangesTable {
  connection_id: string;
  snapshot_version: number;
  key: string;
  kind: FindingChangeKind;
  /** The finding's last status before and after (null before for `new`). */
  previous_status: string | null;
  status: string;
}

export interface FindingsTables {
  attestations: AttestationsTable;
  rule_exceptions: RuleExceptionsTable;
  rule_settings: RuleSettingsTable;
  finding_evaluations: FindingEvaluationsTable;
  findings: FindingsTable;
  finding_changes: FindingChangesTable;
}
