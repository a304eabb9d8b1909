import { startSimulator } from '../../../simulator/start.ts';
import { buildTenant } from '../../../simulator/tenant/build.ts';
import { simConnection } from '../../../simulator/testing/sim-connection.ts';
import { createDatabase } from '../../db/create-database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { applyExceptions, exceptionSchema } from '../../findings/exceptions.ts';
import { catalogue } from '../../rules/catalogue/index.ts';
import { evaluateSnapshot } from '../../rules/evaluate.ts';
import { resourceKey } from '../../rules/result.ts';
import { buildSnapshotView } from '../../rules/snapshot/build-snapshot-view.ts';
import type { SnapshotView } from '../../rules/snapshot-view.ts';
import { syncConnection } from '../../sync/sync-connection.ts';
import {
  type AppRiskFactorInput,
  type AppRiskInput,
  appsFromSnapshot,
  type InstalledApp,
} from '../app-input.ts';
import { type BuildReportInput, buildReport } from '../build-report.ts';
import type { Report } from '../model.ts';

// A realistic report for the format tests: the demo scenario served by the simulator, synced end to
// end into an in-memory database, evaluated with the whole catalogue, one failure excepted, apps
// scored by a stand-in (below), then built into the report model: what `palisade scan` does.

export const DEMO_NOW = new Date('2025-06-01T12:00:00.000Z');

/**
 * A stand-in for src/app-risk while it is being built: the APP-RISK.md capability score from the
 * most dangerous scope, plus egress, so the apps table has scores and factors to show.
 */
export function standInRisk(app: InstalledApp): AppRiskInput {
  const scopes = [...new Set(app.installations.flatMap((i) => i.scopes))];
  const capability = (scope: string): number => {
    const s = scope.toLowerCase();
    if (s === 'admin' || s.startsWith('manage:')) return 90;
    if (s === 'act_as_user') return 80;
    if (s === 'project_admin' || s === 'space_admin') return 70;
    if (s === 'delete' || s.startsWith('delete:')) return 60;
    if (s === 'write' || s.startsWith('write:')) return 45;
    if (s === 'read' || s.startsWith('read:')) return 35;
    return 10;
  };
  const top = scopes.reduce<{ scope: string; c: number }>(
    (best, scope) => (capability(scope) > best.c ? { scope, c: capability(scope) } : best),
    { scope: '', c: scopes.length > 0 ? 10 : 0 },
  );
  const factors: AppRiskFactorInput[] = [
    { id: 'capability', contribution: top.c, evidence: top.scope || 'no scope' },
  ];
  const framework = app.installations[0]?.framework;
  const egress = [...new Set(app.installations.flatMap((i) => i.egress))];
  if (framework === 'connect')
    factors.push({ id: 'egress.connect', contribution: 15, evidence: 'vendor-hosted' });
  else if (egress.length > 0)
    factors.push({ id: 'egress.forge', contribution: 15, evidence: egress.join(', ') });
  if (app.marketplace && !app.marketplace.listed) {
    factors.push({ id: 'trust.unlisted', contribution: 10, evidence: 'not listed on the Marketplace' });
  }
  const score = Math.min(
    100,
    factors.reduce((n, f) => n + f.contribution, 0),
  );
  const band = score >= 85 ? 'critical' : score >= 60 ? 'high' : score >= 30 ? 'medium' : 'low';
  return { score, band, factors };
}

export interface DemoScan {
  snapshot: SnapshotView;
  input: BuildReportInput;
  report: Report;
  /** Every secret the simulator handed out: none may appear in a report. */
  secrets: string[];
}

/** Syncs the demo tenant and builds its report (about a second or two). */
export async function demoScan(now: Date = DEMO_NOW): Promise<DemoScan> {
  const sim = await startSimulator({
    tenant: buildTenant({ scenario: 'demo' }, now),
    now: () => now.getTime(),
  });
  const handle = createDatabase({ file: ':memory:' });
  try {
    await migrateToLatest(handle.db);
    const sync = simConnection(sim.info);
    const result = await syncConnection({
      db: handle.db,
      connection: sync.connection,
      allowHosts: sync.allowHosts,
      baseUrls: sync.baseUrls,
      now: () => now,
    });
    if (result.status !== 'success') throw new Error(`demo sync failed: ${result.reason}`);
    const rules = catalogue.map((e) => e.rule);
    const datasets = [
      ...new Set([
        ...rules.flatMap((r) => [...r.meta.requires, ...r.meta.optional]),
        'apps.installations',
        'apps.marketplace',
      ]),
    ];
    const snapshot = await buildSnapshotView(handle.db, sync.connection.id, { now, datasets });
    const evaluation = evaluateSnapshot(rules, snapshot);
    // The security team accepts one failure, so the report shows an exception.
    const accepted = evaluation.results.find((r) => r.status === 'fail' && r.resource.scope !== 'org');
    const exceptions = accepted
      ? [
          exceptionSchema.parse({
            id: 'exc-demo-1',
            ruleId: accepted.ruleId,
            resources: [resourceKey(accepted.resource)],
            justification: 'Accepted until the migration to the new scheme in Q3.',
            owner: 'security@acme.example',
            createdAt: '2025-05-01T00:00:00Z',
            expiresAt: '2025-09-01T00:00:00Z',
          }),
        ]
      : [];
    const { results } = applyExceptions(evaluation.results, exceptions, now);
    const input: BuildReportInput = {
      generatedAt: now,
      snapshot,
      rules: rules.map((r) => r.meta),
      results,
      apps: appsFromSnapshot(snapshot, standInRisk),
    };
    const c = sim.info.credentials;
    const secrets = [
      c.admin.apiToken,
      c.member.apiToken,
      c.orgApiKey,
      c.scopedOrgApiKey,
      c.oauth.clientSecret,
    ];
    return { snapshot, input, report: buildReport(input), secrets };
  } finally {
    await handle.close();
    await sim.stop();
  }
}
