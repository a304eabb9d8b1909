import type { AppRecord } from '../app-risk/model/app.ts';
import type { AppRisk } from '../app-risk/model/score.ts';
import type { AppInput } from './app-input.ts';

// An app as src/app-risk scored it, in the shape the report reads. Factors shown for context
// only (`info`) are left out; each factor's evidence becomes one sentence: its summary, then the
// scope strings, domains or signals behind it.

export type EvaluatedAppInput = Pick<
  AppRecord,
  'appKey' | 'name' | 'vendorName' | 'framework' | 'installations' | 'scopes'
> & { risk: AppRisk };

export function appInputOf(app: EvaluatedAppInput): AppInput {
  const first = [...app.installations].sort((a, b) =>
    (a.installedAt ?? '\uffff').localeCompare(b.installedAt ?? '\uffff'),
  )[0];
  return {
    key: app.appKey,
    name: app.name,
    vendor: app.vendorName,
    framework: app.framework,
    sites: [...new Set(app.installations.map((i) => i.siteId))],
    scopes: app.scopes,
    installedBy: first?.installer?.name ?? first?.installer?.accountId ?? null,
    installedAt: first?.installedAt ?? null,
    risk: {
      score: app.risk.score,
      band: app.risk.band,
      factors: app.risk.factors
        .filter((f) => f.status !== 'info')
        .map((f) => ({
          id: f.id,
          contribution: f.contribution,
          evidence: f.evidence.length > 0 ? `${f.summary} (${f.evidence.join(', ')})` : f.summary,
        })),
    },
  };
}
