// Tables for app classification, risk overrides, policies and the audit log (migration 0003);
// merged into `Database` in schema.ts. JSON columns are canonical JSON text, timestamps ISO text.
import type { IsoTime, JsonText } from './schema.ts';

/**
 * Every change a person (or an automatic governance step) makes: classifications, score
 * overrides, policies, and the app actions (disable, uninstall, ban) written by
 * src/app-risk/actions. Append-only; nothing updates or deletes a row.
 */
export interface AuditLogTable {
  id: string;
  /** Null for changes that belong to no connection. No foreign key: the log outlives connections. */
  connection_id: string | null;
  at: IsoTime;
  /** Who did it: a user id or e-mail, or `system:<component>` for automatic steps. */
  actor: string;
  /** Dotted verb, e.g. `app.classify`, `app.score-override`, `app.uninstall`. */
  action: string;
  /** What it was done to, e.g. `app:<connectionScope>:<appKey>` or `policy:<id>`. */
  subject: string;
  /** JSON object: the before/after values, justification, result. */
  details: JsonText;
  /** JSON `{ address, userAgent, via }`: where a person's change came from (migration 0008); null for automatic steps. */
  source: JsonText | null;
}

export type AppClassificationState =
  | 'unreviewed'
  | 'sanctioned'
  | 'risk-accepted'
  | 'unsanctioned'
  | 're-review';

/** The governance state of one app in one connection (one row per app key, across sites). */
export interface AppClassificationsTable {
  connection_id: string;
  app_key: string;
  state: AppClassificationState;
  /** The state a re-review came from (sanctioned / risk-accepted), null otherwise. */
  previous_state: AppClassificationState | null;
  /** risk-accepted only: when the acceptance lapses. */
  expires_at: IsoTime | null;
  justification: string | null;
  decided_by: string | null;
  decided_at: IsoTime | null;
  /** AppFingerprint JSON (scopes, egress, version) as approved; compared on every evaluation. */
  approved_fingerprint: JsonText | null;
  /** Why the app went to re-review (the fingerprint differences), JSON, null otherwise. */
  review_reason: JsonText | null;
  /** When Palisade first saw the app installed (the "unclassified for > N days" clock). */
  first_seen_at: IsoTime;
  updated_at: IsoTime;
}

/** A manual risk score, replacing the computed one, with a justification (also in audit_log). */
export interface AppScoreOverridesTable {
  connection_id: string;
  app_key: string;
  score: number;
  justification: string;
  actor: string;
  at: IsoTime;
}

/** A declarative app policy (src/rules/app-policy.ts) stored per connection. */
export interface AppPoliciesTable {
  connection_id: string;
  id: string;
  /** The validated AppPolicy as JSON. */
  definition: JsonText;
  enabled: number;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export interface AppGovernanceTables {
  audit_log: AuditLogTable;
  app_classifications: AppClassificationsTable;
  app_score_overrides: AppScoreOverridesTable;
  app_policies: AppPoliciesTable;
}
