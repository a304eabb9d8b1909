import type { Kysely } from 'kysely';
import { type AppEvaluation, evaluateApps, mergeAppResults } from '../app-risk/evaluate-apps.ts';
import { policyRuleMeta } from '../app-risk/policy/evaluate-policies.ts';
import { listPolicies } from '../app-risk/policy/repository.ts';
import type { Database } from '../db/schema.ts';
import { type ConnectionEvaluation, evaluateConnection } from '../findings/store/evaluate-connection.ts';
import { snapshotOutcomes } from '../inventory/dataset-outcomes.ts';
import { appInputOf } from '../report/app-risk-input.ts';
import { buildReport } from '../report/build-report.ts';
import type { Report } from '../report/model.ts';
import { catalogue } from '../rules/catalogue/index.ts';
import type { RuleMeta } from '../rules/rule-meta.ts';
import { buildSnapshotView } from '../rules/snapshot/build-snapshot-view.ts';
import { toDatasetOutcome } from '../rules/snapshot/dataset-outcome.ts';
import { findDataset } from '../rules/snapshot-view.ts';

// Everything after the sync, the same for `scan`, `report` and the demo:
// 1. evaluateConnection (src/findings): the catalogue over the snapshot with the org's
//    attestations, exceptions and settings; findings tracked against the previous evaluation;
// 2. evaluateApps (src/app-risk): inventory, classification, risk, policies and the app rules with
//    the governance state (their results replace the catalogue run's for those rules);
// 3. buildReport (src/report) from both, with the exceptions applied to the app results too.

export interface Assessment {
  evaluation: ConnectionEvaluation;
  apps: AppEvaluation;
  report: Report;
}

/** Report metadata for an app policy's results (a policy is a rule the organization wrote). */
function policyMeta(policy: Parameters<typeof policyRuleMeta>[0]): RuleMeta {
  const base = policyRuleMeta(policy);
  return {
    ...base,
    scope: 'org',
    resourceType: 'app',
    requires: ['apps.installations'],
    optional: [],
    plan: 'any',
    credential: 'none',
    risk: 'An installed app breaks a policy your organization set for third-party apps.',
    remediation: {
      ui: [
        'Review the app against the policy in Palisade (palisade apps show <app-key>).',
        'Remove or disable the app, or accept the risk with an exception if the policy should not apply.',
      ],
      api: null,
    },
    references: [
      {
        title: 'Manage your apps',
        url: 'https://support.atlassian.com/organization-administration/docs/manage-your-apps/',
      },
    ],
    compliance: {},
  };
}

export async function assess(
  db: Kysely<Database>,
  connectionId: string,
  options: { version?: number | undefined; now: Date },
): Promise<Assessment> {
  const { now } = options;
  const rules = catalogue.map((e) => e.rule);
  // The app rules and policies (src/app-risk) join the catalogue's results inside the evaluation,
  // so exceptions, the stored findings and the report all see the same set.
  let apps: AppEvaluation | undefined;
  const evaluation = await evaluateConnection(db, connectionId, {
    now,
    rules,
    ...(options.version !== undefined ? { version: options.version } : {}),
    completeResults: async (catalogueResults, snapshotVersion) => {
      apps = await evaluateApps(db, connectionId, { now, version: snapshotVersion });
      return mergeAppResults(catalogueResults, apps);
    },
  });
  if (!apps) throw new Error('the app evaluation did not run');
  const version = evaluation.snapshotVersion;
  const results = evaluation.results;
  const policies = await listPolicies(db, connectionId);

  // The report reads the org and site facts (a view with no rule datasets loads only those) and
  // every dataset's outcome for its coverage section (from the sync run); of the items, only the
  // fact datasets' are loaded, and coverage reads the org's workspaces to name unscanned sites.
  const view = await buildSnapshotView(db, connectionId, { now, version, datasets: [] });
  const outcomes = await snapshotOutcomes(db, connectionId, version);
  const report = buildReport({
    generatedAt: now,
    snapshot: {
      version,
      org: view.org,
      sites: view.sites,
      datasets: outcomes.map((o) => {
        const items = findDataset(view, o.dataset, o.scope)?.items;
        return { name: o.dataset, scope: o.scope, outcome: toDatasetOutcome(o), ...(items ? { items } : {}) };
      }),
    },
    rules: [...rules.map((r) => r.meta), ...policies.policies.map((p) => policyMeta(p.policy))],
    results,
    apps: apps.apps.map(appInputOf),
  });
  return { evaluation, apps, report };
}
