// What the report needs to know about an installed app and its risk: the narrow shape the report
// reads, which `appInputOf` (app-risk-input.ts) makes from an app src/app-risk scored. Nothing else
// of an input object is ever copied (see model.ts).

export interface AppRiskFactorInput {
  id: string;
  contribution: number;
  /** A scope, a domain, a signal; objects are written as JSON. */
  evidence?: unknown;
}

export interface AppRiskInput {
  score: number | null;
  /** `critical` | `high` | `medium` | `low` | `unknown` (any case). */
  band: string;
  factors: readonly AppRiskFactorInput[];
}

export interface AppInput {
  key: string;
  name: string;
  vendor: string | null;
  framework: string;
  /** Cloud ids (or URLs) of the sites the app is installed on. */
  sites: readonly string[];
  scopes: readonly string[];
  installedBy: string | null;
  installedAt: string | null;
  /** Null when the app was not scored. */
  risk: AppRiskInput | null;
}
